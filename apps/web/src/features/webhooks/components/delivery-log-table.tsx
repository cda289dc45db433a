import type { WebhookDeliveryAttempt } from '@beaker/contracts';
import { createColumnHelper, flexRender, getCoreRowModel, getExpandedRowModel, useReactTable, type ExpandedState } from '@tanstack/react-table';
import { Fragment, useMemo, useState } from 'react';
import { formatDateTime } from '../../dashboard/components/dashboard-format';
import { attemptOutcome, DELIVERY_STATUS_LABELS, eventTypeLabel, formatLatency } from './webhook-format';
import '../../../components/data-table.css';

const column = createColumnHelper<WebhookDeliveryAttempt>();

const STATUS_TONE: Record<WebhookDeliveryAttempt['deliveryStatus'], string> = {
  pending: 'badge--warning',
  succeeded: 'badge--success',
  failed: 'badge--danger',
  canceled: 'badge--neutral',
};

/**
 * The delivery log: one row per attempt, newest first; a row opens onto what came back (the first
 * 2 KB of the answer, or why there was none). "Retry" sits on each delivery's newest attempt.
 */
export function DeliveryLogTable({
  attempts,
  canRetry,
  retryingDeliveryId,
  onRetry,
}: {
  attempts: WebhookDeliveryAttempt[];
  /** False while the endpoint is off (the API refuses replays then). */
  canRetry: boolean;
  retryingDeliveryId: string | null;
  onRetry: (attempt: WebhookDeliveryAttempt) => void;
}) {
  const [expanded, setExpanded] = useState<ExpandedState>({});
  // The log is newest first: a delivery's first row is its latest attempt.
  const newestOfDelivery = useMemo(() => {
    const seen = new Set<string>();
    const newest = new Set<string>();
    for (const attempt of attempts) {
      if (!seen.has(attempt.deliveryId)) newest.add(attempt.id);
      seen.add(attempt.deliveryId);
    }
    return newest;
  }, [attempts]);

  const columns = useMemo(
    () => [
      column.accessor('eventType', {
        header: 'Event',
        cell: (info) => (
          <>
            <span className="delivery-log__event">{eventTypeLabel(info.getValue())}</span>
            <code className="code-inline">{info.getValue()}</code>
          </>
        ),
      }),
      column.accessor('attempt', { header: 'Attempt', cell: (info) => `#${info.getValue()}` }),
      column.accessor((a) => attemptOutcome(a), {
        id: 'status',
        header: 'Status code',
        cell: (info) => (
          <span className="delivery-log__status">
            <span className={info.row.original.succeeded ? 'text-success' : 'text-error'}>{info.getValue()}</span>
            <span className={`badge ${STATUS_TONE[info.row.original.deliveryStatus]}`}>{DELIVERY_STATUS_LABELS[info.row.original.deliveryStatus]}</span>
          </span>
        ),
      }),
      column.accessor('latencyMs', { header: 'Latency', cell: (info) => <span className="nowrap">{formatLatency(info.getValue())}</span> }),
      column.accessor('at', { header: 'Time', cell: (info) => <time dateTime={info.getValue()}>{formatDateTime(info.getValue())}</time> }),
      column.display({
        id: 'actions',
        header: 'Actions',
        cell: ({ row }) => {
          const attempt = row.original;
          const label = `${eventTypeLabel(attempt.eventType)}, attempt ${attempt.attempt}`;
          return (
            <span className="delivery-log__actions">
              <button
                type="button"
                className="btn btn--ghost btn--sm"
                aria-expanded={row.getIsExpanded()}
                aria-controls={`delivery-detail-${attempt.id}`}
                aria-label={`${row.getIsExpanded() ? 'Hide response' : 'Response'} of ${label}`}
                onClick={row.getToggleExpandedHandler()}
              >
                {row.getIsExpanded() ? 'Hide response' : 'Response'}
              </button>
              {canRetry && newestOfDelivery.has(attempt.id) ? (
                <button
                  type="button"
                  className="btn btn--secondary btn--sm"
                  aria-label={`Retry ${label}`}
                  disabled={retryingDeliveryId === attempt.deliveryId}
                  onClick={() => onRetry(attempt)}
                >
                  {retryingDeliveryId === attempt.deliveryId ? 'Retrying…' : 'Retry'}
                </button>
              ) : null}
            </span>
          );
        },
      }),
    ],
    [canRetry, newestOfDelivery, retryingDeliveryId, onRetry],
  );

  const table = useReactTable({
    data: attempts,
    columns,
    state: { expanded },
    onExpandedChange: setExpanded,
    getRowCanExpand: () => true,
    getCoreRowModel: getCoreRowModel(),
    getExpandedRowModel: getExpandedRowModel(),
    getRowId: (attempt) => attempt.id,
  });

  return (
    <table className="data-table delivery-log" data-testid="delivery-log">
      <caption className="visually-hidden">Delivery attempts, newest first</caption>
      <thead>
        {table.getHeaderGroups().map((group) => (
          <tr key={group.id}>
            {group.headers.map((header) => (
              <th key={header.id} scope="col">
                {flexRender(header.column.columnDef.header, header.getContext())}
              </th>
            ))}
          </tr>
        ))}
      </thead>
      <tbody>
        {table.getRowModel().rows.map((row) => (
          <Fragment key={row.id}>
            <tr data-attempt-id={row.id}>
              {row.getVisibleCells().map((cell) => (
                <td key={cell.id} data-label={String(cell.column.columnDef.header)} className={`delivery-log__${cell.column.id}`}>
                  <div>{flexRender(cell.column.columnDef.cell, cell.getContext())}</div>
                </td>
              ))}
            </tr>
            {row.getIsExpanded() ? (
              <tr className="delivery-log__detail-row">
                <td colSpan={row.getVisibleCells().length} id={`delivery-detail-${row.id}`}>
                  <AttemptDetail attempt={row.original} />
                </td>
              </tr>
            ) : null}
          </Fragment>
        ))}
      </tbody>
    </table>
  );
}

function AttemptDetail({ attempt }: { attempt: WebhookDeliveryAttempt }) {
  return (
    <div className="delivery-log__detail">
      <dl className="delivery-log__facts">
        <div>
          <dt>Event id</dt>
          <dd className="mono">{attempt.eventId}</dd>
        </div>
        <div>
          <dt>Delivery id</dt>
          <dd className="mono">{attempt.deliveryId}</dd>
        </div>
        <div>
          <dt>Delivery now</dt>
          <dd>
            {DELIVERY_STATUS_LABELS[attempt.deliveryStatus]}
            {attempt.deliveryStatus === 'pending' && attempt.nextAttemptAt ? `: next attempt ${formatDateTime(attempt.nextAttemptAt)}` : ''}
          </dd>
        </div>
        {attempt.error ? (
          <div>
            <dt>Error</dt>
            <dd>{attempt.error}</dd>
          </div>
        ) : null}
      </dl>
      <p className="field__label">Response body (first 2 KB)</p>
      {attempt.responseBody ? <pre className="plain-text delivery-log__body">{attempt.responseBody}</pre> : <p className="muted small">Empty: nothing came back.</p>}
    </div>
  );
}
