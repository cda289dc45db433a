import { TRIAL_CALL_CONSENT_TEXT, type CallReport, type TrialResponse } from '@beaker/contracts';
import { useEffect, useRef } from 'react';
import { Link, useNavigate } from 'react-router-dom';
import { isApiError } from '../../../lib/api-error';
import { count } from '../../../lib/count';
import { formatPhone } from '../../calls/components/call-format';
import { usePlaceTrialCall } from '../hooks/use-place-trial-call';
import { TrialAllowance } from './trial-allowance';

/**
 * Step 3: meet the agent and have it call. The button's text is the consent we record. With
 * `callNow` (the code was just confirmed after the start form's "Text me a code, then call me")
 * the call is placed at once, under that button's consent.
 */
export function CallMeStep({ trial, onPlaced, callNow = false }: { trial: TrialResponse; onPlaced: (call: CallReport) => void; callNow?: boolean }) {
  const place = usePlaceTrialCall(trial.id);
  const navigate = useNavigate();
  const callsLeft = trial.callsLimit - trial.callsUsed;
  const error = place.error;
  const autoPlaced = useRef(false);

  useEffect(() => {
    if (!callNow || autoPlaced.current || callsLeft <= 0) return;
    autoPlaced.current = true;
    place.mutate({ consentFrom: 'start_form' }, { onSuccess: onPlaced });
  }, [callNow, callsLeft, place, onPlaced]);

  // A second click (or tab) while the phone rings: follow the call that is live, not an error.
  const inProgress = isApiError(error, 'TRIALS.CALL_IN_PROGRESS');
  useEffect(() => {
    if (inProgress && trial.latestCallId) navigate(`/try/${trial.id}/calls/${trial.latestCallId}`, { replace: true });
  }, [inProgress, trial.id, trial.latestCallId, navigate]);

  return (
    <div className="trial-step">
      <h2 className="trial-step__title">Meet {trial.assistant?.name ?? 'your agent'}</h2>
      {trial.assistant ? (
        <figure className="agent-card">
          <blockquote className="agent-card__quote">“{trial.assistant.greeting}”</blockquote>
          <figcaption className="small muted">
            How {trial.assistant.name} opens the call, for {trial.businessName}
          </figcaption>
        </figure>
      ) : null}
      <TrialAllowance trial={trial} />
      {error && !(inProgress && trial.latestCallId) ? (
        <div className="alert alert--error" role="alert">
          <p>{callErrorMessage(error)}</p>
          {isApiError(error, 'TRIALS.CALL_IN_PROGRESS') && trial.latestCallId ? (
            <Link to={`/try/${trial.id}/calls/${trial.latestCallId}`} className="btn btn--secondary btn--sm">
              Follow the call
            </Link>
          ) : null}
        </div>
      ) : null}
      {callsLeft > 0 ? (
        <>
          <button
            type="button"
            className="btn btn--accent btn--block btn--lg call-me"
            disabled={place.isPending}
            onClick={() => place.mutate(undefined, { onSuccess: onPlaced })}
          >
            {place.isPending ? 'Calling…' : 'Call me now'}
          </button>
          <p className="small muted consent-text">{TRIAL_CALL_CONSENT_TEXT}</p>
          <p className="small muted">We'll call {formatPhone(trial.phone)}.</p>
        </>
      ) : (
        <div className="alert" role="note">
          <p>You've used all {count(trial.callsLimit, 'call')} of this trial. Go live to keep {trial.assistant?.name ?? 'your agent'} answering for {trial.businessName}.</p>
          <Link to={`/go-live?trialId=${encodeURIComponent(trial.id)}`} className="btn btn--accent btn--lg btn--block">
            Go live
          </Link>
        </div>
      )}
    </div>
  );
}

function callErrorMessage(error: unknown): string {
  if (isApiError(error, 'TRIALS.CALL_IN_PROGRESS')) return 'Your phone should be ringing already: this call has to end before the next one.';
  if (isApiError(error, 'TRIALS.CALL_LIMIT_REACHED')) return "You've used all the calls of this trial. Go live to keep your agent.";
  if (isApiError(error, 'TRIALS.EXPIRED')) return 'This trial has ended. Go live to keep your agent.';
  if (isApiError(error, 'TRIALS.NUMBER_BLOCKED')) return 'This number is on a do-not-call list, so the agent cannot call it.';
  if (isApiError(error, 'TRIALS.CALL_DEFERRED')) {
    const minutes = error.retryAfterSeconds ? Math.max(1, Math.ceil(error.retryAfterSeconds / 60)) : null;
    return minutes ? `The agent can't call this number again just yet. Try again in ${minutes} min.` : "The agent can't call this number right now.";
  }
  if (isApiError(error, 'PROVIDERS.UNAVAILABLE')) return "Our calling service isn't answering right now. Try again in a moment: this attempt did not use a call.";
  if (isApiError(error)) return error.detail ?? error.title;
  return 'We could not place the call. Try again.';
}
