import { Link, useParams } from 'react-router-dom';
import { ErrorState } from '../../../app/error-state';
import { LoadingState } from '../../../app/loading-state';
import { NotFoundPage } from '../../../app/not-found-page';
import { usePageTitle } from '../../../lib/use-page-title';
import { formatDuration, formatPhone, formatUsd } from '../../calls/components/call-format';
import { TranscriptView } from '../../calls/components/transcript-view';
import { DIRECTION_LABELS, STATUS_LABELS } from '../../dashboard/components/dashboard-format';
import type { WebhookEventSummary } from '@beaker/contracts';
import { createColumnHelper } from '@tanstack/react-table';
import { Facts, Id, isNotFound, When } from '../components/admin-format';
import { DataTable } from '../../../components/data-table';
import { useCallWebhookEvents } from '../hooks/use-call-webhook-events';
import { useStaffCall } from '../hooks/use-staff-call';
import '../../calls/components/calls.css';

const MINUTE = 60_000;

/**
 * The webhook events received while the call lasted (a minute either side): the call report does not
 * name its provider ids, so staff find its events by time and read the provider's id in each.
 */
export function callEventsWindow(call: { createdAt: string; endedAt: string | null }): string {
  const from = new Date(Date.parse(call.createdAt) - MINUTE).toISOString();
  const to = new Date(Date.parse(call.endedAt ?? call.createdAt) + 5 * MINUTE).toISOString();
  return `/admin/webhook-events?from=${encodeURIComponent(from)}&to=${encodeURIComponent(to)}`;
}

/** /admin/calls/:id: a call's report as staff read it, with the way to its business and its webhook events. */
export function AdminCallPage() {
  const { callId = '' } = useParams();
  const call = useStaffCall(callId);
  usePageTitle('Call · Admin');

  if (call.isPending) return <LoadingState label="Loading the call…" />;
  if (call.isError) return isNotFound(call.error) ? <NotFoundPage /> : <ErrorState error={call.error} onRetry={() => void call.refetch()} />;
  const c = call.data;

  return (
    <>
      <header className="page-header">
        <p className="eyebrow">Call</p>
        <h1>
          {DIRECTION_LABELS[c.direction]} call, <When at={c.createdAt} />
        </h1>
      </header>
      <section className="card" aria-labelledby="call-heading">
        <h2 id="call-heading">Details</h2>
        <Facts
          items={[
            ['Call id', <Id value={c.id} />],
            ['Status', STATUS_LABELS[c.status]],
            ['Ended because', c.endedReason],
            ['Number called', formatPhone(c.to)],
            ['Business', c.businessId ? <Link to={`/admin/businesses/${c.businessId}`}>Open the business</Link> : null],
            ['Trial', c.trialId ? <Link to={`/admin/trials/${c.trialId}`}>Open the trial</Link> : null],
            ['Started', <When at={c.startedAt} />],
            ['Ended', <When at={c.endedAt} />],
            ['Length', c.durationSeconds == null ? null : formatDuration(c.durationSeconds)],
            ['Cost', c.cost.total == null ? null : `${formatUsd(c.cost.total)} (${Object.entries(c.cost.byProvider).map(([k, v]) => `${k} ${formatUsd(v)}`).join(', ')})`],
            ['Summary', c.summary],
          ]}
        />
        <p>
          <Link to={callEventsWindow(c)}>Webhook events received during this call</Link>
        </p>
      </section>
      <CallWebhookEvents callId={c.id} />
      <section className="card" aria-labelledby="transcript-heading">
        <h2 id="transcript-heading">Transcript</h2>
        {c.transcript.length === 0 ? <p className="muted">No transcript.</p> : <TranscriptView turns={c.transcript} agentName="Agent" callerName="Caller" />}
      </section>
    </>
  );
}

const event = createColumnHelper<WebhookEventSummary>();
const eventColumns = [
  event.accessor('receivedAt', { header: 'Received', cell: (i) => <Link to={`/admin/webhook-events/${i.row.original.id}`}><When at={i.getValue()} /></Link> }),
  event.accessor((e) => `${e.provider} ${e.eventType}`, { id: 'event', header: 'Event' }),
  event.accessor('status', { header: 'Status' }),
  event.accessor('attempts', { header: 'Attempts' }),
];

/** What Vapi and Twilio sent about this call (by its provider ids), each linking to its page (payload, attempts, replay). */
function CallWebhookEvents({ callId }: { callId: string }) {
  const events = useCallWebhookEvents(callId);
  return (
    <section className="card" aria-labelledby="call-events-heading">
      <h2 id="call-events-heading">Webhook events</h2>
      {events.isPending ? (
        <p className="muted">Loading…</p>
      ) : events.isError ? (
        <ErrorState error={events.error} onRetry={() => void events.refetch()} />
      ) : events.data.items.length === 0 ? (
        <p className="muted">No provider event names this call.</p>
      ) : (
        <DataTable data={events.data.items} columns={eventColumns} caption="Webhook events about this call, oldest first" getRowId={(e) => e.id} testId="call-webhook-events" />
      )}
    </section>
  );
}
