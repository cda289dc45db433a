import type { CircuitBreakerView } from '@beaker/contracts';
import { createColumnHelper } from '@tanstack/react-table';
import { ErrorState } from '../../../app/error-state';
import { usePageTitle } from '../../../lib/use-page-title';
import { When } from '../components/admin-format';
import { DataTable } from '../components/data-table';
import { useCircuitBreakers } from '../hooks/use-circuit-breakers';

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

/** /admin/health: the providers' circuit breakers, live, and the way to the queue dashboard. */
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
      <section className="card" aria-labelledby="queues-heading">
        <h2 id="queues-heading">Queues</h2>
        <p>Waiting, active, delayed and failed jobs of every queue, with retry: the queue dashboard (bull-board), behind the same staff sign-in.</p>
        <p>
          <a href="/admin/queues" className="btn btn--secondary">
            Open the queue dashboard
          </a>
        </p>
      </section>
    </>
  );
}
