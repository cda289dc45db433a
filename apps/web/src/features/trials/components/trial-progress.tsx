const STEPS = ['Describe your business', 'Verify your phone', 'Take the call'];

/** Where the prospect is in the trial: 1 describe, 2 verify, 3 call. */
export function TrialProgress({ step }: { step: 1 | 2 | 3 }) {
  return (
    <>
      <ol className="trial-progress" aria-label="Trial steps">
        {STEPS.map((label, i) => (
          <li key={label} className={i + 1 < step ? 'is-done' : i + 1 === step ? 'is-current' : undefined} aria-current={i + 1 === step ? 'step' : undefined}>
            <span className="trial-progress__number" aria-hidden="true">
              {i + 1}
            </span>
            <span className="trial-progress__label">{label}</span>
          </li>
        ))}
      </ol>
      {/* Narrow screens only (the labels above are hidden there); screen readers have the list. */}
      <p className="trial-progress__caption" aria-hidden="true">
        Step {step} of {STEPS.length} · {STEPS[step - 1]}
      </p>
    </>
  );
}
