import { useSearchParams } from 'react-router-dom';
import { ErrorState } from '../../../app/error-state';
import { usePageTitle } from '../../../lib/use-page-title';
import { CallFiltersForm, toApiFilters, type FilterValues } from '../components/call-filters';
import { CallList } from '../components/call-list';
import { useBusinessCalls } from '../hooks/use-business-calls';
import { useCurrentBusiness } from '../hooks/use-current-business';

/** Every call of the business, newest first, filtered by type, outcome and dates (kept in the URL). */
export function CallsPage() {
  const business = useCurrentBusiness();
  usePageTitle(`Calls · ${business.name}`);
  const [params, setParams] = useSearchParams();
  const values: FilterValues = {
    direction: params.get('direction') ?? '',
    status: params.get('status') ?? '',
    fromDate: params.get('from') ?? '',
    toDate: params.get('to') ?? '',
  };
  const calls = useBusinessCalls(business.id, toApiFilters(values));
  const items = calls.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Object.values(values).some(Boolean);

  function apply(next: FilterValues) {
    const search = new URLSearchParams();
    if (next.direction) search.set('direction', next.direction);
    if (next.status) search.set('status', next.status);
    if (next.fromDate) search.set('from', next.fromDate);
    if (next.toDate) search.set('to', next.toDate);
    setParams(search, { replace: true });
  }

  return (
    <>
      <header className="page-header">
        <h1>Calls</h1>
        <p className="lead">Every conversation your assistant had, with its transcript and the lead it took.</p>
      </header>
      <div className="card">
        <CallFiltersForm key={params.toString()} values={values} onApply={apply} />
      </div>
      <div className="card" aria-live="polite" aria-busy={calls.isFetching}>
        {calls.isPending ? (
          <p className="muted">Loading calls…</p>
        ) : calls.isError ? (
          <ErrorState error={calls.error} onRetry={() => void calls.refetch()} />
        ) : items.length === 0 ? (
          <p className="muted">{filtered ? 'No calls match these filters.' : 'No calls yet. When someone calls your number, the conversation shows up here.'}</p>
        ) : (
          <>
            <CallList businessId={business.id} calls={items} />
            {calls.hasNextPage ? (
              <div className="button-row button-row--center">
                <button type="button" className="btn btn--secondary" onClick={() => void calls.fetchNextPage()} disabled={calls.isFetchingNextPage}>
                  {calls.isFetchingNextPage ? 'Loading…' : 'Load more calls'}
                </button>
              </div>
            ) : null}
          </>
        )}
      </div>
    </>
  );
}
