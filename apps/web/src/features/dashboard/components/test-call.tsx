import { isTerminalCallStatus } from '@beaker/contracts';
import { Link } from 'react-router-dom';
import { isApiError } from '../../../lib/api-error';
import { CallLiveStatus } from '../../calls/components/call-live-status';
import { useCall } from '../../calls/hooks/use-call';
import { useCallEvents } from '../../calls/hooks/use-call-events';
import { usePlaceTestCall } from '../hooks/use-place-test-call';

function refusal(error: unknown): string {
  if (isApiError(error, 'RATE_LIMITED')) return 'You have placed 3 test calls in the last hour. Try again a little later.';
  if (isApiError(error, 'BUSINESSES.NO_VERIFIED_PHONE')) return 'We can only call the phone you verified in your trial. Call your number from any phone instead.';
  if (isApiError(error, 'BUSINESSES.NOT_LIVE')) return 'Your number is still being connected. Try again in a minute.';
  return "We couldn't place the call just now. Try again in a moment.";
}

/** "Hear your agent" (owners): the assistant calls the owner's verified phone; the call's progress shows live, then its report. */
export function TestCall({ businessId }: { businessId: string }) {
  const place = usePlaceTestCall(businessId);
  const callId = place.data?.callId;
  return (
    <div className="test-call">
      {callId ? (
        <LiveTestCall businessId={businessId} callId={callId} onAgain={() => place.reset()} />
      ) : (
        <div className="button-row">
          <button type="button" className="btn btn--primary" disabled={place.isPending} onClick={() => place.mutate()}>
            {place.isPending ? 'Calling…' : 'Call my phone now'}
          </button>
        </div>
      )}
      {place.isError ? (
        <p role="alert" className="text-error">
          {refusal(place.error)}
        </p>
      ) : null}
    </div>
  );
}

function LiveTestCall({ businessId, callId, onAgain }: { businessId: string; callId: string; onAgain: () => void }) {
  const mode = useCallEvents(callId, true);
  const call = useCall(callId, { poll: mode === 'polling' });
  if (!call.data) return <p className="muted">Calling your phone…</p>;
  const ended = isTerminalCallStatus(call.data.status);
  return (
    <div data-testid="test-call">
      <CallLiveStatus call={call.data} />
      {ended ? (
        <div className="button-row">
          {call.data.status === 'completed' ? (
            <Link className="btn btn--secondary" to={`/app/businesses/${businessId}/calls/${callId}`}>
              Read the call’s report
            </Link>
          ) : null}
          <button type="button" className="btn btn--ghost" onClick={onAgain}>
            Call me again
          </button>
        </div>
      ) : null}
    </div>
  );
}
