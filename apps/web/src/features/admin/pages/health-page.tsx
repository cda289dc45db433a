import type { CircuitBreakerView, QueueHealthView, WebhookBacklogRow, WebhookEventSummary } from '@beaker/contracts';
import { createColumnHelper } from '@tanstack/react-table';
import { Link } from 'react-router-dom';
import { ErrorState } from '../../../app/error-state';
import { usePageTitle } from '../../../lib/use-page-title';
import { When } from '../components/admin-format';
import { DataTable } from '../../../components/data-table';
import { useCircuitBreakers } from '../hooks/use-circuit-breakers';
import { useQueueHealth } from '../hooks/use-queue-health';
import { useWebhookHealth } from '../hooks/use-webhook-health';

const STATES: Record<CircuitBreakerView['state'], { text: string; tone: string }> = {
  closed: { text: 'Closed', tone: 'badge--success' },
  half_open: { text: 'Half open: probing', tone: 'badge--warning' },
  open: { text: 'Open: calls refused', tone: 'badge--danger' },
};

const column = createColumnHelper<CircuitBreakerView>();
const columns = [
  column.accessor('name', { header: 'Provider operation', cell: (i) => <code className="code-inline">{i.getValue()}</code> }),
  column.accessor('state', { header: 'State', cell: (i) => <span className={`badge ${STATES[i.getValue()].tone}`}>{STATES[i.getValue()].text}</span> }),
  column.accessor('failures', { header: 'Failures (60 s)' }),
  column.accessor('lastFailureAt', { header: 'Last failure', cell: (i) => <When at={i.getValue()} /> }),
  column.accessor('lastError', { header: 'Last error', cell: (i) => i.getValue() ?? <span className="muted">—</span> }),
  column.accessor((b) => `${b.opens} / ${b.closes}`, { id: 'cycles', header: 'Opened / closed' }),
];

const backlog = createColumnHelper<WebhookBacklogRow>();
const backlogColumns = [
  backlog.accessor('provider', { header: 'Provider' }),
  backlog.accessor('pending', { header: 'Pending' }),
  backlog.accessor('processing', { header: 'Processing' }),
  backlog.accessor('failed', {
    header: 'Failed',
    cell: (i) => (i.getValue() > 0 ? <Link to={`/admin/webhook-events?provider=${i.row.original.provider}&status=failed`}>{i.getValue()}</Link> : 0),
  }),
  backlog.accessor('completedLast24h', { header: 'Completed (24 h)' }),
  backlog.accessor('ignoredLast24h', { header: 'Ignored (24 h)' }),
  backlog.accessor('oldestPendingAt', { header: 'Oldest waiting since', cell: (i) => <When at={i.getValue()} /> }),
];

const failure = createColumnHelper<WebhookEventSummary>();
const failureColumns = [
  failure.accessor('receivedAt', { header: 'Received', cell: (i) => <Link to={`/admin/webhook-events/${i.row.original.id}`}><When at={i.getValue()} /></Link> }),
  failure.accessor((e) => `${e.provider} ${e.eventType}`, { id: 'event', header: 'Event' }),
  failure.accessor('attempts', { header: 'Attempts' }),
  failure.accessor('lastError', { header: 'Last error', cell: (i) => i.getValue() ?? <span className="muted">—</span> }),
];

const queue = createColumnHelper<QueueHealthView>();
const queueColumns = [
  queue.accessor('name', { header: 'Queue', cell: (i) => <code className="code-inline">{i.getValue()}</code> }),
  queue.accessor('waiting', { header: 'Waiting' }),
  queue.accessor('active', { header: 'Active' }),
  queue.accessor('delayed', { header: 'Delayed' }),
  queue.accessor('failed', { header: 'Failed' }),
  queue.accessor('completed', { header: 'Completed (kept)' }),
  queue.accessor('paused', { header: 'Paused', cell: (i) => (i.getValue() ? 'yes' : 'no') }),
];

/** How long ago, in words a person reads at a glance. */
export function formatAge(seconds: number): string {
  if (seconds < 90) return `${seconds} s`;
  if (seconds < 90 * 60) return `${Math.round(seconds / 60)} min`;
  return `${Math.round(seconds / 3600)} h`;
}

/** /admin/health: the providers' circuit breakers, live; provider webhooks' backlog and failures; the job queues, and their dashboard inside the page. */
export function HealthPage() {
  usePageTitle('Health · Admin');
  const breakers = useCircuitBreakers();
  return (
    <>
      <header className="page-header">
        <h1>Health</h1>
        <p className="lead">Whether Vapi, Twilio and Stripe answer, as every API and worker process sees it; refreshed every 5 seconds.</p>
      </header>
      <section className="card" aria-labelledby="breakers-heading">
        <h2 id="breakers-heading">Circuit breakers</h2>
        {breakers.isPending ? (
          <p className="muted">Loading…</p>
        ) : breakers.isError ? (
          <ErrorState error={breakers.error} onRetry={() => void breakers.refetch()} />
        ) : breakers.data.items.length === 0 ? (
          <p className="muted">No provider has been called since the processes started.</p>
        ) : (
          <DataTable data={breakers.data.items} columns={columns} caption="Circuit breakers by provider operation" getRowId={(b) => b.name} sortable testId="circuit-breakers" />
        )}
      </section>
      <WebhookHealthSection />
      <QueuesSection />
    </>
  );
}

function WebhookHealthSection() {
  const health = useWebhookHealth();
  return (
    <section className="card" aria-labelledby="webhooks-heading">
      <h2 id="webhooks-heading">Provider webhooks</h2>
      {health.isPending ? (
        <p className="muted">Loading…</p>
      ) : health.isError ? (
        <ErrorState error={health.error} onRetry={() => void health.refetch()} />
      ) : (
        <>
          <p data-testid="oldest-pending">
            {health.data.oldestPendingAgeSeconds === null ? 'Nothing waits to be processed.' : `The oldest waiting event arrived ${formatAge(health.data.oldestPendingAgeSeconds)} ago.`}
          </p>
          <DataTable data={health.data.providers} columns={backlogColumns} caption="Webhook events by provider and status" getRowId={(r) => r.provider} testId="webhook-backlog" />
          <h3>Latest failures</h3>
          {health.data.recentFailures.length === 0 ? (
            <p className="muted">No failed event.</p>
          ) : (
            <DataTable data={health.data.recentFailures} columns={failureColumns} caption="The latest failed webhook events, newest first" getRowId={(e) => e.id} testId="webhook-failures" />
          )}
        </>
      )}
    </section>
  );
}

function QueuesSection() {
  const queues = useQueueHealth();
  return (
    <section className="card" aria-labelledby="queues-heading">
      <h2 id="queues-heading">Queues</h2>
      {queues.isPending ? (
        <p className="muted">Loading…</p>
      ) : queues.isError ? (
        <ErrorState error={queues.error} onRetry={() => void queues.refetch()} />
      ) : (
        <DataTable data={queues.data.items} columns={queueColumns} caption="Jobs by queue" getRowId={(q) => q.name} sortable testId="queue-counts" />
      )}
      <p>Jobs one by one, with retry: the queue dashboard (bull-board), behind the same staff sign-in.</p>
      <iframe src="/admin/queues" title="Queue dashboard" className="admin-queue-frame" />
      <p>
        <a href="/admin/queues" className="btn btn--secondary">
          Open the queue dashboard
        </a>
      </p>
    </section>
  );
}
