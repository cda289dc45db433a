import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

type CopyState = 'idle' | 'copied' | 'select';

/**
 * A signing secret, shown once (after creating an endpoint or rotating its secret): Copy, and
 * plainly that it will not be shown again. Focus moves to its heading when it appears, so a
 * screen reader reads it out; `onDone` forgets it.
 */
export function SigningSecret({ secret, title, doneLabel, onDone, children }: { secret: string; title: string; doneLabel: string; onDone: () => void; children?: ReactNode }) {
  const [state, setState] = useState<CopyState>('idle');
  const heading = useRef<HTMLHeadingElement>(null);
  const box = useRef<HTMLInputElement>(null);
  const id = useId();

  useEffect(() => heading.current?.focus(), []);

  useEffect(() => {
    if (state !== 'copied') return;
    const timer = window.setTimeout(() => setState('idle'), 4_000);
    return () => window.clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(secret);
      setState('copied');
    } catch {
      box.current?.focus();
      box.current?.select();
      setState('select');
    }
  }

  return (
    <section className="card card--highlight signing-secret" aria-labelledby={`${id}-title`} data-testid="signing-secret">
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
        {title}
      </h2>
      <div className="alert alert--warning" id={`${id}-once`}>
        <p className="alert__title">Copy it now: you won’t see it again.</p>
        <p>Beaker keeps it encrypted and never shows it a second time. If you lose it, rotate the secret to get a new one.</p>
      </div>
      {children}
      <div className="field">
        <label className="field__label" htmlFor={`${id}-secret`}>
          Signing secret
        </label>
        <div className="input-group">
          <input
            id={`${id}-secret`}
            ref={box}
            className="field__input mono"
            readOnly
            value={secret}
            aria-describedby={`${id}-once`}
            data-testid="signing-secret-value"
            onFocus={(e) => e.currentTarget.select()}
          />
          <button type="button" className="btn btn--secondary" onClick={() => void copy()}>
            {state === 'copied' ? 'Copied ✓' : 'Copy'}
          </button>
        </div>
        <p role="status" className="small embed-snippet__status">
          {state === 'copied' ? 'Copied to your clipboard.' : state === 'select' ? 'Selected: press Ctrl+C (⌘C on a Mac) to copy it.' : ''}
        </p>
      </div>
      <div className="button-row">
        <button type="button" className="btn btn--primary" onClick={onDone}>
          {doneLabel}
        </button>
      </div>
    </section>
  );
}
