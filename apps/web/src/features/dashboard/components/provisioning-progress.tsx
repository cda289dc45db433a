import type { ProvisioningStep, ProvisioningView } from '@beaker/contracts';

const STEP_LABELS: Record<ProvisioningStep, { done: string; doing: string; todo: string }> = {
  assistant: { done: 'Assistant created', doing: 'Creating your assistant…', todo: 'Create your assistant' },
  number: { done: 'Phone number reserved', doing: 'Getting a local phone number…', todo: 'Get a local phone number' },
  connect: { done: 'Number connected to your assistant', doing: 'Connecting the number to your assistant…', todo: 'Connect the number to your assistant' },
};

/** The setup after payment, step by step, as it happens (the overview polls while it runs). */
export function ProvisioningProgress({ provisioning, canRetry, onRetry, retrying }: { provisioning: ProvisioningView; canRetry: boolean; onRetry: () => void; retrying: boolean }) {
  const failed = provisioning.status === 'failed';
  return (
    <div aria-live="polite">
      <ol className="setup-steps" aria-label="Setup progress">
        {provisioning.steps.map(({ step, done }) => {
          const current = !done && provisioning.currentStep === step;
          const label = done ? STEP_LABELS[step].done : current && !failed ? STEP_LABELS[step].doing : STEP_LABELS[step].todo;
          return (
            <li key={step} className={done ? 'is-done' : current ? 'is-current' : undefined}>
              <span className="setup-steps__mark" aria-hidden="true">
                {done ? '✓' : current && !failed ? '…' : '·'}
              </span>
              <span>
                {label}
                <span className="visually-hidden">{done ? ' (done)' : current ? (failed ? ' (failed)' : ' (in progress)') : ' (to do)'}</span>
              </span>
            </li>
          );
        })}
      </ol>
      {failed ? (
        <div className="alert alert--error" role="alert">
          <p>{provisioning.error ?? 'Setup stopped.'}</p>
          {canRetry ? (
            <button type="button" className="btn btn--secondary btn--sm" onClick={onRetry} disabled={retrying}>
              {retrying ? 'Retrying…' : 'Retry setup'}
            </button>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
