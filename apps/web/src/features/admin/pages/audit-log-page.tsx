import type { AuditEvent } from '@beaker/contracts';
import { createColumnHelper } from '@tanstack/react-table';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorState } from '../../../app/error-state';
import { usePageTitle } from '../../../lib/use-page-title';
import type { AuditEventFilters } from '../api/admin-api';
import { AuditTarget, Id, When } from '../components/admin-format';
import { DataTable, LoadMore } from '../../../components/data-table';
import { useAuditEvents } from '../hooks/use-audit-events';

const column = createColumnHelper<AuditEvent>();
const columns = [
  column.accessor('at', { header: 'When', cell: (i) => <When at={i.getValue()} />, sortingFn: 'datetime' }),
  column.accessor('action', { header: 'Action', cell: (i) => <strong>{i.getValue()}</strong> }),
  column.accessor((e) => `${e.targetType} ${e.targetId ?? ''}`, { id: 'target', header: 'Target', cell: (i) => <AuditTarget event={i.row.original} /> }),
  column.accessor((e) => `${e.actorKind} ${e.actorId ?? ''}`, {
    id: 'actor',
    header: 'By',
    cell: (i) => {
      const { actorKind, actorId } = i.row.original;
      // Staff and customers have a page; API keys and the system do not.
      return actorId && (actorKind === 'admin' || actorKind === 'user') ? (
        <Link to={`/admin/users/${actorId}`}>
          {actorKind} {actorId.slice(0, 8)}…
        </Link>
      ) : (
        <>
          {actorKind} <Id value={actorId?.slice(0, 8)} />
        </>
      );
    },
  }),
  column.accessor('reason', { header: 'Reason', cell: (i) => i.getValue() ?? <span className="muted">—</span> }),
  column.accessor((e) => e.requestId ?? '', {
    id: 'details',
    header: 'Details',
    enableSorting: false,
    cell: (i) => <AuditDetails event={i.row.original} />,
  }),
];

function AuditDetails({ event }: { event: AuditEvent }) {
  const parts = { before: event.before, after: event.after, details: Object.keys(event.details).length ? event.details : null, requestId: event.requestId };
  return (
    <details className="admin-details">
      <summary>Before, after, request</summary>
      <pre className="admin-payload">{JSON.stringify(parts, null, 2)}</pre>
    </details>
  );
}

/** What the form holds; dates are whole days in the viewer's zone. */
interface FilterValues {
  action: string;
  targetType: string;
  targetId: string;
  actorId: string;
  businessId: string;
  fromDate: string;
  toDate: string;
}

const TEXT_FILTERS = ['action', 'targetType', 'targetId', 'actorId', 'businessId'] as const;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DAY = /^\d{4}-\d{2}-\d{2}$/;

function valuesFromParams(params: URLSearchParams): FilterValues {
  const get = (k: string) => params.get(k) ?? '';
  return { action: get('action'), targetType: get('targetType'), targetId: get('targetId'), actorId: get('actorId'), businessId: get('businessId'), fromDate: get('from'), toDate: get('to') };
}

/** The API's filters: a day range [from, to] becomes [from 00:00, the day after to). */
export function toAuditApiFilters(values: FilterValues): AuditEventFilters {
  const day = (date: string, plus = 0) => {
    const [y, m, d] = date.split('-').map(Number);
    return new Date(y, m - 1, d + plus).toISOString();
  };
  const filters: AuditEventFilters = {};
  for (const key of TEXT_FILTERS) if (values[key].trim()) filters[key] = values[key].trim();
  if (DAY.test(values.fromDate)) filters.from = day(values.fromDate);
  if (DAY.test(values.toDate)) filters.to = day(values.toDate, 1);
  return filters;
}

/** /admin/audit: every staff action, newest first, filtered (in the URL), sortable, paged by the API's cursor. */
export function AuditLogPage() {
  usePageTitle('Audit log · Admin');
  const [params, setParams] = useSearchParams();
  const values = valuesFromParams(params);
  const events = useAuditEvents(toAuditApiFilters(values));
  const items = events.data?.pages.flatMap((p) => p.items) ?? [];
  const filtered = Object.values(values).some(Boolean);

  function apply(next: FilterValues) {
    const out = new URLSearchParams();
    for (const key of TEXT_FILTERS) if (next[key].trim()) out.set(key, next[key].trim());
    if (next.fromDate) out.set('from', next.fromDate);
    if (next.toDate) out.set('to', next.toDate);
    setParams(out, { replace: true });
  }

  return (
    <>
      <header className="page-header">
        <h1>Audit log</h1>
        <p className="lead">Every staff action — suspensions, trial blocks, do-not-call changes, webhook replays — with who, why, before and after.</p>
      </header>
      <div className="card">
        <AuditFilters key={params.toString()} values={values} onApply={apply} filtered={filtered} />
      </div>
      <div className="card" aria-busy={events.isFetching}>
        {events.isPending ? (
          <p className="muted">Loading the audit log…</p>
        ) : events.isError ? (
          <ErrorState error={events.error} onRetry={() => void events.refetch()} />
        ) : items.length === 0 ? (
          <p className="muted">{filtered ? 'No audit events match these filters.' : 'No staff action recorded yet.'}</p>
        ) : (
          <>
            <DataTable data={items} columns={columns} caption="Audit events, newest first" getRowId={(e) => e.id} sortable testId="audit-table" />
            <LoadMore hasMore={Boolean(events.hasNextPage)} loading={events.isFetchingNextPage} onLoad={() => void events.fetchNextPage()} what="events" />
          </>
        )}
      </div>
    </>
  );
}

function AuditFilters({ values, onApply, filtered }: { values: FilterValues; onApply: (v: FilterValues) => void; filtered: boolean }) {
  const id = useId();
  const { register, handleSubmit, formState, reset } = useForm<FilterValues>({ defaultValues: values });
  const errors = formState.errors;
  const uuid = (label: string) => (v: string) => !v.trim() || UUID.test(v.trim()) || `${label} is an id like 5f0c7a2e-1b2c-4d3e-8f9a-0b1c2d3e4f5a.`;
  const field = (name: keyof FilterValues, label: string, extra: Record<string, unknown> = {}, type = 'text') => (
    <div className="field">
      <label htmlFor={`${id}-${name}`} className="field__label">
        {label}
      </label>
      <input
        id={`${id}-${name}`}
        type={type}
        className="field__input"
        aria-invalid={errors[name] ? true : undefined}
        aria-describedby={errors[name] ? `${id}-${name}-error` : undefined}
        {...register(name, extra)}
      />
      {errors[name] ? (
        <p id={`${id}-${name}-error`} className="field__error">
          {errors[name]?.message}
        </p>
      ) : null}
    </div>
  );

  return (
    <form className="admin-filters admin-filters--wide" onSubmit={handleSubmit(onApply)} aria-label="Filter the audit log" noValidate>
      {field('action', 'Action', { pattern: { value: /^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)+$/, message: 'An action is like user.suspend or webhook_event.replay.' } })}
      {field('targetType', 'Target type')}
      {field('targetId', 'Target id')}
      {field('actorId', 'Done by (user id)', { validate: uuid('Done by') })}
      {field('businessId', 'Business id', { validate: uuid('Business id') })}
      {field('fromDate', 'From', {}, 'date')}
      {field('toDate', 'To', { validate: (to: string, all: FilterValues) => !to || !all.fromDate || all.fromDate <= to || 'The end date must be on or after the start date.' }, 'date')}
      <div className="lead-filters__buttons">
        <button type="submit" className="btn btn--secondary">
          Apply filters
        </button>
        {filtered ? (
          <button
            type="button"
            className="btn btn--ghost"
            onClick={() => {
              const none = { action: '', targetType: '', targetId: '', actorId: '', businessId: '', fromDate: '', toDate: '' };
              reset(none);
              onApply(none);
            }}
          >
            Clear
          </button>
        ) : null}
      </div>
    </form>
  );
}
