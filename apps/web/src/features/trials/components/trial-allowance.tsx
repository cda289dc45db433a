import type { TrialResponse } from '@beaker/contracts';

/** "47 h" / "35 min" until the trial ends. */
export function timeLeft(expiresAt: string, now = Date.now()): string | null {
  const ms = Date.parse(expiresAt) - now;
  if (ms <= 0) return null;
  const hours = Math.floor(ms / 3_600_000);
  if (hours >= 1) return `${hours} h`;
  return `${Math.max(1, Math.ceil(ms / 60_000))} min`;
}

/** What is left of the trial: calls and time. */
export function TrialAllowance({ trial }: { trial: TrialResponse }) {
  const callsLeft = Math.max(0, trial.callsLimit - trial.callsUsed);
  const left = trial.status === 'expired' ? null : timeLeft(trial.expiresAt);
  return (
    <dl className="trial-allowance" aria-label="Your trial">
      <div>
        <dt>Calls left</dt>
        <dd data-testid="calls-left">
          {callsLeft} of {trial.callsLimit}
        </dd>
      </div>
      <div>
        <dt>Time left</dt>
        <dd data-testid="time-left">{left ?? 'Ended'}</dd>
      </div>
    </dl>
  );
}
