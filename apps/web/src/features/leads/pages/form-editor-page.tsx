import type { BusinessOverview, LeadForm } from '@beaker/contracts';
import { useMemo } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { ErrorState } from '../../../app/error-state';
import { LoadingState } from '../../../app/loading-state';
import { NotFoundPage } from '../../../app/not-found-page';
import { isApiError } from '../../../lib/api-error';
import { usePageTitle } from '../../../lib/use-page-title';
import { useCurrentBusiness } from '../../dashboard/hooks/use-current-business';
import { useSandboxMode } from '../../dev-inbox/hooks/use-sandbox-mode';
import { DeleteFormButton } from '../components/delete-form-button';
import { EmbedSnippet } from '../components/embed-snippet';
import { newFormValues, valuesOfForm } from '../components/form-builder-values';
import { LeadFormBuilder } from '../components/lead-form-builder';
import { SendTestLead } from '../components/send-test-lead';
import { useCreateLeadForm } from '../hooks/use-create-lead-form';
import { useDeleteLeadForm } from '../hooks/use-delete-lead-form';
import { useLeadForm } from '../hooks/use-lead-form';
import { useUpdateLeadForm } from '../hooks/use-update-lead-form';
import '../components/leads.css';

const formsPath = (businessId: string) => `/app/businesses/${businessId}/forms`;

/** /app/businesses/:id/forms/new: the builder for a new form; saving it opens the form's own page. */
export function NewFormPage() {
  const business = useCurrentBusiness();
  usePageTitle(`New form · ${business.name}`);
  const create = useCreateLeadForm(business.id);
  const navigate = useNavigate();
  const initial = useMemo(() => newFormValues(business.assistant.businessName || business.name), [business.assistant.businessName, business.name]);

  return (
    <>
      <p>
        <Link to={formsPath(business.id)}>← All forms</Link>
      </p>
      <header className="page-header">
        <h1>New form</h1>
        <p className="lead">Choose what to ask. The preview shows what visitors will see; save the form to get the code for your website.</p>
      </header>
      <LeadFormBuilder
        businessName={business.name}
        initial={initial}
        submitLabel="Create form"
        onSave={async (input) => {
          const form = await create.mutateAsync(input);
          navigate(`${formsPath(business.id)}/${form.id}`, { replace: true, state: { created: true } });
        }}
      />
    </>
  );
}

/** /app/businesses/:id/forms/:formId: the builder, the embed code, a test lead (sandbox), delete. */
export function FormEditorPage() {
  const business = useCurrentBusiness();
  const { formId = '' } = useParams();
  const form = useLeadForm(business.id, formId);
  usePageTitle(`${form.data?.name ?? 'Form'} · ${business.name}`);

  if (form.isPending) return <LoadingState label="Loading the form…" />;
  if (form.isError) return isApiError(form.error, 'NOT_FOUND') ? <NotFoundPage /> : <ErrorState error={form.error} onRetry={() => void form.refetch()} />;
  // Keyed by the form: another form's page starts a builder of its own.
  return <SavedFormEditor key={form.data.id} business={business} form={form.data} />;
}

function SavedFormEditor({ business, form }: { business: BusinessOverview; form: LeadForm }) {
  const update = useUpdateLeadForm(business.id, form.id);
  const remove = useDeleteLeadForm(business.id);
  const sandbox = useSandboxMode();
  const navigate = useNavigate();
  const initial = useMemo(() => valuesOfForm(form), [form]);

  return (
    <>
      <p>
        <Link to={formsPath(business.id)}>← All forms</Link>
      </p>
      <header className="page-header">
        <h1>{form.name}</h1>
        <p className="lead">
          Consent text version {form.consentVersion}. Changes apply to the form on every site at once.
        </p>
      </header>
      <LeadFormBuilder businessName={business.name} initial={initial} submitLabel="Save changes" onSave={async (input) => valuesOfForm(await update.mutateAsync(input))}>
        <section className="card" aria-labelledby="embed-heading">
          <h2 id="embed-heading">Put it on your website</h2>
          <EmbedSnippet snippet={form.embedSnippet} />
          {form.allowedOrigins.length === 0 ? (
            <p className="alert alert--warning small">No website is allowed yet: the form shows a refusal until you add the site above and save.</p>
          ) : (
            <p className="muted small">Allowed: {form.allowedOrigins.join(', ')}</p>
          )}
        </section>
        {sandbox.data ? <SendTestLead businessId={business.id} form={form} /> : null}
        <section className="card" aria-labelledby="delete-heading">
          <h2 id="delete-heading">Delete</h2>
          <DeleteFormButton
            formName={form.name}
            deleting={remove.isPending}
            error={remove.error}
            onDelete={() => remove.mutate(form.id, { onSuccess: () => navigate(formsPath(business.id), { replace: true }) })}
          />
        </section>
      </LeadFormBuilder>
    </>
  );
}
