import type { WebhookEndpointCreated } from '@beaker/contracts';
import { useState } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { usePageTitle } from '../../../lib/use-page-title';
import { useCurrentBusiness } from '../../dashboard/hooks/use-current-business';
import { EndpointForm, type EndpointFormValues } from '../components/endpoint-form';
import { SigningSecret } from '../components/signing-secret';
import { VerifySignaturesHelp } from '../components/verify-signatures-help';
import { useCreateWebhookEndpoint } from '../hooks/use-create-webhook-endpoint';
import { useEndpointUrlHint } from '../hooks/use-endpoint-url-hint';
import { webhooksPath } from './webhooks-page';
import '../../leads/components/leads.css';
import '../components/webhooks.css';

const EMPTY: EndpointFormValues = { url: '', description: '', eventTypes: [] };

/**
 * /app/businesses/:id/webhooks/new: the URL and the events; once created, its signing secret —
 * shown here once, kept only in this page's memory — then on to the endpoint's page.
 */
export function NewWebhookEndpointPage() {
  const business = useCurrentBusiness();
  usePageTitle(`Add a webhook endpoint · ${business.name}`);
  const create = useCreateWebhookEndpoint(business.id);
  const urlHint = useEndpointUrlHint();
  const navigate = useNavigate();
  const [created, setCreated] = useState<WebhookEndpointCreated | null>(null);

  return (
    <>
      <p>
        <Link to={webhooksPath(business.id)}>← All webhooks</Link>
      </p>
      <header className="page-header">
        <h1>{created ? 'Endpoint created' : 'Add an endpoint'}</h1>
        <p className="lead">
          {created ? (
            <>
              Beaker now sends the events you picked to <span className="mono">{created.url}</span>.
            </>
          ) : (
            'Where should Beaker send events, and which ones?'
          )}
        </p>
      </header>
      {created ? (
        <SigningSecret
          secret={created.secret}
          title="Your signing secret"
          doneLabel="I’ve stored it: go to the endpoint"
          onDone={() => navigate(`${webhooksPath(business.id)}/${created.id}`, { replace: true })}
        >
          <p>Your receiver uses it to check that each event really comes from Beaker (see “Verify signatures” below).</p>
        </SigningSecret>
      ) : (
        <div className="card">
          <EndpointForm
            initial={EMPTY}
            submitLabel="Create endpoint"
            pendingLabel="Creating…"
            urlHint={urlHint}
            onSave={async (input) => {
              setCreated(await create.mutateAsync(input));
            }}
            onCancel={() => navigate(webhooksPath(business.id))}
          />
        </div>
      )}
      <VerifySignaturesHelp />
    </>
  );
}
