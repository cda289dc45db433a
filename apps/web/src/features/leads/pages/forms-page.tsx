import { Link } from 'react-router-dom';
import { ErrorState } from '../../../app/error-state';
import { usePageTitle } from '../../../lib/use-page-title';
import { formatDate } from '../../dashboard/components/dashboard-format';
import { useCurrentBusiness } from '../../dashboard/hooks/use-current-business';
import { useLeadForms } from '../hooks/use-lead-forms';
import '../components/leads.css';

/** /app/businesses/:id/forms: the business's web forms; each opens its builder. */
export function FormsPage() {
  const business = useCurrentBusiness();
  usePageTitle(`Forms · ${business.name}`);
  const forms = useLeadForms(business.id);
  const items = forms.data?.pages.flatMap((p) => p.items) ?? [];

  return (
    <>
      <header className="page-header page-header--actions">
        <div>
          <h1>Forms</h1>
          <p className="lead">Lead forms for your website. Every lead is called back by your assistant within seconds, when the law allows.</p>
        </div>
        <Link to={`/app/businesses/${business.id}/forms/new`} className="btn btn--primary">
          New form
        </Link>
      </header>
      <div className="card" aria-busy={forms.isFetching}>
        {forms.isPending ? (
          <p className="muted">Loading forms…</p>
        ) : forms.isError ? (
          <ErrorState error={forms.error} onRetry={() => void forms.refetch()} />
        ) : items.length === 0 ? (
          <div className="empty-state">
            <h2>No forms yet</h2>
            <p className="muted">Build a form, paste its code into your website, and your assistant calls each person who fills it in.</p>
            <Link to={`/app/businesses/${business.id}/forms/new`} className="btn btn--secondary">
              Build your first form
            </Link>
          </div>
        ) : (
          <>
            <ul className="form-list" data-testid="form-list">
              {items.map((form) => (
                <li key={form.id} className="form-row">
                  <Link to={`/app/businesses/${business.id}/forms/${form.id}`} className="form-row__title">
                    {form.name}
                  </Link>
                  <span className={`badge ${form.autoCall ? 'badge--success' : 'badge--neutral'}`}>{form.autoCall ? 'Auto-call on' : 'Auto-call off'}</span>
                  <p className="form-row__meta">
                    {form.allowedOrigins.length === 0
                      ? 'No website allowed yet'
                      : form.allowedOrigins.length === 1
                        ? form.allowedOrigins[0]
                        : `${form.allowedOrigins[0]} and ${form.allowedOrigins.length - 1} more`}{' '}
                    · {2 + (form.fields.email.enabled ? 1 : 0) + (form.fields.message.enabled ? 1 : 0) + form.fields.custom.length} fields · changed {formatDate(form.updatedAt)}
                  </p>
                </li>
              ))}
            </ul>
            {forms.hasNextPage ? (
              <div className="button-row button-row--center">
                <button type="button" className="btn btn--secondary" onClick={() => void forms.fetchNextPage()} disabled={forms.isFetchingNextPage}>
                  {forms.isFetchingNextPage ? 'Loading…' : 'Load more forms'}
                </button>
              </div>
            ) : null}
          </>
        )}
      </div>
    </>
  );
}
