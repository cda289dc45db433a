import type { WebhookEventDetail } from '@beaker/contracts';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ErrorState } from '../../../app/error-state';
import { LoadingState } from '../../../app/loading-state';
import { NotFoundPage } from '../../../app/not-found-page';
import { usePageTitle } from '../../../lib/use-page-title';
import { Facts, Id, isNotFound, When } from '../components/admin-format';
import { ConfirmDialog, useReturnFocus } from '../../../components/confirm-dialog';
import { useReplayWebhookEvent } from '../hooks/use-replay-webhook-event';
import { useWebhookEvent } from '../hooks/use-webhook-event';

/** /admin/webhook-events/:id: the event, its payload and attempts; replay behind a confirmation (audited by the API). */
export function WebhookEventPage() {
  const { eventId = '' } = useParams();
  const event = useWebhookEvent(eventId);
  usePageTitle(event.data ? `${event.data.provider} ${event.data.eventType} · Admin` : 'Webhook event · Admin');
  const replay = useReplayWebhookEvent(eventId);
  const [confirming, setConfirming] = useState(false);
  const opener = useReturnFocus(confirming);

  if (event.isPending) return <LoadingState label="Loading the event…" />;
  if (event.isError) return isNotFound(event.error) ? <NotFoundPage /> : <ErrorState error={event.error} onRetry={() => void event.refetch()} />;
  const e = event.data;

  return (
    <>
      <header className="page-header">
        <p className="eyebrow">
          <Link to="/admin/webhook-events">Webhook events</Link>
        </p>
        <h1 className="break-anywhere">
          {e.provider} {e.eventType}
        </h1>
      </header>
      <section className="card" aria-labelledby="event-heading">
        <h2 id="event-heading">Event</h2>
        <Facts
          items={[
            ['Event id', <Id value={e.id} />],
            ['Provider’s id', <Id value={e.eventId} />],
            ['Status', <span data-testid="event-status">{e.status}</span>],
            ['Attempts', String(e.attempts)],
            ['Received', <When at={e.receivedAt} />],
            ['Processed', <When at={e.processedAt} />],
            ['Last error', e.lastError],
          ]}
        />
        {replay.isSuccess && !confirming ? <ReplayOutcome event={replay.data} /> : null}
        {confirming ? (
          <ConfirmDialog
            title="Replay this event?"
            description="Its handler runs again now, whatever its status. Handlers are idempotent: replaying a completed event changes nothing. The replay is recorded in the audit log."
            confirmLabel="Replay event"
            busyLabel="Replaying…"
            busy={replay.isPending}
            error={replay.error}
            onCancel={() => {
              replay.reset();
              setConfirming(false);
            }}
            onConfirm={() => replay.mutate(undefined, { onSuccess: () => setConfirming(false) })}
          />
        ) : (
          <div className="button-row">
            <button
              ref={opener}
              type="button"
              className="btn btn--secondary"
              onClick={() => {
                replay.reset();
                setConfirming(true);
              }}
            >
              Replay…
            </button>
            <Link to={`/admin/audit?targetId=${e.id}`} className="btn btn--ghost">
              Its audit lines
            </Link>
          </div>
        )}
      </section>
      <section className="card" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        <ol className="admin-timeline">
          {e.timeline.map((t, index) => (
            <li key={`${t.at}-${index}`}>
              <When at={t.at} /> · <strong>{t.kind}</strong>
              {t.attempt ? ` (attempt ${t.attempt}, ${t.trigger === 'replay' ? 'replayed by staff' : 'from the queue'})` : ''}
              {t.error ? <span className="text-error"> — {t.error}</span> : null}
            </li>
          ))}
        </ol>
      </section>
      <section className="card" aria-labelledby="payload-heading">
        <h2 id="payload-heading">Payload</h2>
        <pre className="admin-payload" tabIndex={0} aria-label="Payload as JSON">
          {JSON.stringify(e.payload, null, 2)}
        </pre>
      </section>
    </>
  );
}

function ReplayOutcome({ event }: { event: WebhookEventDetail }) {
  const last = event.attemptsLog[event.attemptsLog.length - 1];
  return (
    <p role="status" className={`alert ${last?.outcome === 'failed' ? 'alert--error' : 'alert--success'}`}>
      Replayed: {last ? `attempt ${last.attempt} ${last.outcome}${last.error ? ` (${last.error})` : ''}` : event.status}. The replay is in the audit log.
    </p>
  );
}
