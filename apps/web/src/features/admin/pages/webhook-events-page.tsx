import { PROVIDERS, WEBHOOK_EVENT_STATUSES, type WebhookEventSummary } from '@beaker/contracts';
import { createColumnHelper } from '@tanstack/react-table';
import { useId, type FormEvent } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorState } from '../../../app/error-state';
import { usePageTitle } from '../../../lib/use-page-title';
import type { WebhookEventFilters } from '../api/admin-api';
import { Id, When } from '../components/admin-format';
import { DataTable, LoadMore } from '../../../components/data-table';
import { useWebhookEvents } from '../hooks/use-webhook-events';

const column = createColumnHelper<WebhookEventSummary>();
const columns = [
  column.accessor('eventType', {
    header: 'Event',
    cell: (i) => (
      <Link to={`/admin/webhook-events/${i.row.original.id}`}>
        {i.row.original.provider} {i.getValue()}
      </Link>
    ),
  }),
  column.accessor('eventId', { header: 'Provider’s id', cell: (i) => <Id value={i.getValue()} /> }),
  column.accessor('status', { header: 'Status', cell: (i) => <span data-status={i.getValue()}>{i.getValue()}</span> }),
  column.accessor('attempts', { header: 'Attempts' }),
  column.accessor('receivedAt', { header: 'Received', cell: (i) => <When at={i.getValue()} /> }),
];

const FILTERS = ['provider', 'type', 'status', 'from', 'to'] as const;

/** /admin/webhook-events: what the providers sent, newest first, filtered by provider, type, status and time (kept in the URL). */
export function WebhookEventsPage() {
  usePageTitle('Webhook events · Admin');
  const [params, setParams] = useSearchParams();
  const filters: WebhookEventFilters = Object.fromEntries(FILTERS.flatMap((k) => (params.get(k) ? [[k, params.get(k) as string]] : [])));
  const events = useWebhookEvents(filters);
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];
  const id = useId();
  const window = filters.from || filters.to ? ` received ${filters.from ? `from ${new Date(filters.from).toLocaleString()}` : ''}${filters.to ? ` until ${new Date(filters.to).toLocaleString()}` : ''}` : '';

  function apply(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const data = new FormData(event.currentTarget);
    const next = new URLSearchParams();
    for (const key of ['provider', 'type', 'status'] as const) {
      const value = String(data.get(key) ?? '').trim();
      if (value) next.set(key, value);
    }
    // The time window (from a call's page) stays until cleared.
    if (filters.from) next.set('from', filters.from);
    if (filters.to) next.set('to', filters.to);
    setParams(next, { replace: true });
  }

  return (
    <>
      <header className="page-header">
        <h1>Webhook events</h1>
        <p className="lead">What Stripe, Twilio and Vapi sent us{window}, newest first. Open one to read its payload and attempts, or replay it.</p>
      </header>
      <div className="card">
        <form className="call-filters admin-filters" onSubmit={apply} aria-label="Filter webhook events" key={params.toString()}>
          <div className="field">
            <label htmlFor={`${id}-provider`} className="field__label">
              Provider
            </label>
            <select id={`${id}-provider`} name="provider" className="field__input" defaultValue={filters.provider ?? ''}>
              <option value="">Any provider</option>
              {PROVIDERS.map((p) => (
                <option key={p} value={p}>
                  {p}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor={`${id}-type`} className="field__label">
              Type
            </label>
            <input id={`${id}-type`} name="type" className="field__input" defaultValue={filters.type ?? ''} placeholder="end-of-call-report" />
          </div>
          <div className="field">
            <label htmlFor={`${id}-status`} className="field__label">
              Status
            </label>
            <select id={`${id}-status`} name="status" className="field__input" defaultValue={filters.status ?? ''}>
              <option value="">Any status</option>
              {WEBHOOK_EVENT_STATUSES.map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          </div>
          <div className="lead-filters__buttons">
            <button type="submit" className="btn btn--secondary">
              Apply filters
            </button>
            {params.toString() ? (
              <button type="button" className="btn btn--ghost" onClick={() => setParams(new URLSearchParams(), { replace: true })}>
                Clear
              </button>
            ) : null}
          </div>
        </form>
      </div>
      <div className="card" aria-busy={events.isFetching}>
        {events.isPending ? (
          <p className="muted">Loading events…</p>
        ) : events.isError ? (
          <ErrorState error={events.error} onRetry={() => void events.refetch()} />
        ) : items.length === 0 ? (
          <p className="muted">No webhook events match.</p>
        ) : (
          <>
            <DataTable data={items} columns={columns} caption="Webhook events, newest first" getRowId={(e) => e.id} sortable testId="webhook-events" />
            <LoadMore hasMore={Boolean(events.hasNextPage)} loading={events.isFetchingNextPage} onLoad={() => void events.fetchNextPage()} what="events" />
          </>
        )}
      </div>
    </>
  );
}
