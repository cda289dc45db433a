import type { WebhookEndpoint } from '@beaker/contracts';
import { useEffect, useRef } from 'react';
import { Link, useLocation } from 'react-router-dom';
import { ErrorState } from '../../../app/error-state';
import { usePageTitle } from '../../../lib/use-page-title';
import { useCurrentBusiness } from '../../dashboard/hooks/use-current-business';
import { EndpointStateBadge } from '../components/endpoint-state-badge';
import { LastDelivery } from '../components/last-delivery';
import { VerifySignaturesHelp } from '../components/verify-signatures-help';
import { endpointState } from '../components/webhook-format';
import { useWebhookEndpoints } from '../hooks/use-webhook-endpoints';
import '../../leads/components/leads.css';
import '../components/webhooks.css';

export const webhooksPath = (businessId: string) => `/app/businesses/${businessId}/webhooks`;

const MAX_ENDPOINTS = 20;

/**
 * /app/businesses/:id/webhooks: the business's webhook endpoints (where Beaker POSTs signed events
 * for an integrator: a CRM, a connector), each with its state and its last delivery; how to verify.
 */
export function WebhooksPage() {
  const business = useCurrentBusiness();
  usePageTitle(`Webhooks · ${business.name}`);
  const endpoints = useWebhookEndpoints(business.id);
  const location = useLocation();
  const deleted = (location.state as { deleted?: string } | null)?.deleted;
  const heading = useRef<HTMLHeadingElement>(null);
  const items = endpoints.data?.items ?? [];

  useEffect(() => {
    // Back from deleting an endpoint: its page is gone, so focus starts here again.
    if (deleted) heading.current?.focus();
  }, [deleted]);

  return (
    <>
      <header className="page-header page-header--actions">
        <div>
          <h1 ref={heading} tabIndex={-1}>
            Webhooks
          </h1>
          <p className="lead">Beaker tells your other software — a CRM, a connector like Zapier — when a lead comes in or a call ends, by sending signed events to a URL of yours.</p>
        </div>
        {items.length < MAX_ENDPOINTS ? (
          <Link to={`${webhooksPath(business.id)}/new`} className="btn btn--primary">
            Add an endpoint
          </Link>
        ) : null}
      </header>
      {deleted ? (
        <div className="alert alert--success" role="status">
          Deleted the endpoint {deleted}. Nothing more is sent to it.
        </div>
      ) : null}
      <section className="card" aria-labelledby="endpoints-heading" aria-busy={endpoints.isFetching}>
        <h2 id="endpoints-heading">Endpoints</h2>
        {endpoints.isPending ? (
          <p className="muted">Loading endpoints…</p>
        ) : endpoints.isError ? (
          <ErrorState error={endpoints.error} onRetry={() => void endpoints.refetch()} />
        ) : items.length === 0 ? (
          <div className="empty-state">
            <p className="muted">No endpoints yet. Add one to have Beaker POST events — new leads, finished calls — to your URL as they happen.</p>
            <Link to={`${webhooksPath(business.id)}/new`} className="btn btn--secondary">
              Add your first endpoint
            </Link>
          </div>
        ) : (
          <>
            <ul className="form-list" data-testid="endpoint-list">
              {items.map((endpoint) => (
                <EndpointRow key={endpoint.id} businessId={business.id} endpoint={endpoint} />
              ))}
            </ul>
            {items.length >= MAX_ENDPOINTS ? <p className="muted small">This business has {MAX_ENDPOINTS} endpoints, the most it may have: delete one to add another.</p> : null}
          </>
        )}
      </section>
      <VerifySignaturesHelp />
    </>
  );
}

function EndpointRow({ businessId, endpoint }: { businessId: string; endpoint: WebhookEndpoint }) {
  const state = endpointState(endpoint);
  return (
    <li className="form-row endpoint-row" data-endpoint-id={endpoint.id}>
      <Link to={`${webhooksPath(businessId)}/${endpoint.id}`} className="form-row__title mono">
        {endpoint.url}
      </Link>
      <EndpointStateBadge endpoint={endpoint} />
      <div className="form-row__meta endpoint-row__meta">
        {endpoint.description ? <p>{endpoint.description}</p> : null}
        {state.reason ? <p className="endpoint-row__reason">{state.reason}</p> : null}
        <p>
          {endpoint.eventTypes.length === 1 ? '1 event: ' : `${endpoint.eventTypes.length} events: `}
          {endpoint.eventTypes.join(', ')}
        </p>
        <p>
          <LastDelivery businessId={businessId} endpointId={endpoint.id} />
        </p>
      </div>
    </li>
  );
}
