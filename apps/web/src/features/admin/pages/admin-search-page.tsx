import type { AdminSearchKind } from '@beaker/contracts';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorState } from '../../../app/error-state';
import { usePageTitle } from '../../../lib/use-page-title';
import { LoadMore } from '../../../components/data-table';
import { useAdminSearch } from '../hooks/use-admin-search';

export const KIND_LABELS: Record<AdminSearchKind, string> = {
  user: 'User',
  business: 'Business',
  phone_number: 'Phone number',
  trial: 'Trial',
  call: 'Call',
  lead: 'Lead',
  webhook_event: 'Webhook event',
};

/** /admin?q=: what the one box found, best match first as the API ranks it; without a query, where to start. */
export function AdminSearchPage() {
  const [params] = useSearchParams();
  const q = (params.get('q') ?? '').trim();
  usePageTitle(q ? `“${q}” · Admin` : 'Admin');
  const search = useAdminSearch(q);
  const hits = search.data?.pages.flatMap((p) => p.items) ?? [];

  if (!q) {
    return (
      <>
        <header className="page-header">
          <h1>Beaker admin</h1>
          <p className="lead">Find anyone and anything: an email, a business name or id, a phone number in any format, a Stripe id, a call id or sid, a webhook event id.</p>
        </header>
        <ul className="grid admin-start">
          <li className="card">
            <h2>
              <Link to="/admin/audit">Audit log</Link>
            </h2>
            <p className="muted">Every staff action: who, what, why, before and after.</p>
          </li>
          <li className="card">
            <h2>
              <Link to="/admin/abuse">Abuse review</Link>
            </h2>
            <p className="muted">Refused trials, where they come from, and blocked numbers and domains.</p>
          </li>
          <li className="card">
            <h2>
              <Link to="/admin/webhook-events">Webhook events</Link>
            </h2>
            <p className="muted">What Stripe, Twilio and Vapi sent us, each event's attempts, and replay.</p>
          </li>
          <li className="card">
            <h2>
              <Link to="/admin/dnc">Do not call</Link>
            </h2>
            <p className="muted">Beaker's own do-not-call list: numbers no business and no trial may call.</p>
          </li>
          <li className="card">
            <h2>
              <Link to="/admin/health">Health</Link>
            </h2>
            <p className="muted">The providers' circuit breakers, live.</p>
          </li>
          <li className="card">
            <h2>
              <a href="/admin/queues">Queues</a>
            </h2>
            <p className="muted">The job queues' dashboard: waiting, active, failed and delayed jobs.</p>
          </li>
        </ul>
      </>
    );
  }

  return (
    <>
      <header className="page-header">
        <h1>Results for “{q}”</h1>
      </header>
      <div className="card" aria-busy={search.isFetching}>
        {search.isPending ? (
          <p className="muted" role="status">
            Searching…
          </p>
        ) : search.isError ? (
          <ErrorState error={search.error} onRetry={() => void search.refetch()} />
        ) : (
          <>
            <p className="muted" role="status">
              {hits.length === 0 ? 'Nothing found. Try a whole email, a phone number or an id.' : `${hits.length}${search.hasNextPage ? '+' : ''} found, best match first.`}
            </p>
            {hits.length > 0 ? (
              <ol className="admin-hits" aria-label="Search results">
                {hits.map((hit) => (
                  <li key={`${hit.kind}:${hit.id}`} className="admin-hit" data-kind={hit.kind}>
                    <span className="badge badge--neutral admin-hit__kind">{KIND_LABELS[hit.kind]}</span>
                    <div className="admin-hit__text">
                      <Link to={hit.url} state={{ hit }} className="admin-hit__title">
                        {hit.title}
                      </Link>
                      <span className="admin-hit__subtitle">{hit.subtitle}</span>
                      {hit.businessUrl ? (
                        <Link to={hit.businessUrl} className="admin-hit__business">
                          Its business
                        </Link>
                      ) : null}
                    </div>
                  </li>
                ))}
              </ol>
            ) : null}
            <LoadMore hasMore={Boolean(search.hasNextPage)} loading={search.isFetchingNextPage} onLoad={() => void search.fetchNextPage()} what="results" />
          </>
        )}
      </div>
    </>
  );
}
