import type { ApiKeyCreated } from '@beaker/contracts';
import { useEffect, useId, useRef, useState } from 'react';

/** A new API key, shown this once: Copy, and plainly that it will not be shown again. Focus moves to it so a screen reader reads it out. */
export function ShownOnceKey({ created, onDone }: { created: ApiKeyCreated; onDone: () => void }) {
  const id = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const box = useRef<HTMLInputElement>(null);
  const [copied, setCopied] = useState<'idle' | 'copied' | 'select'>('idle');
  useEffect(() => heading.current?.focus(), []);

  async function copy() {
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(created.key);
      setCopied('copied');
    } catch {
      box.current?.focus();
      box.current?.select();
      setCopied('select');
    }
  }

  return (
    <section className="card card--highlight" aria-labelledby={`${id}-title`} data-testid="new-api-key">
      <h2 id={`${id}-title`} ref={heading} tabIndex={-1}>
        Your new key “{created.name}”
      </h2>
      <div className="alert alert--warning">
        <p className="alert__title">Copy it now: you won’t see it again.</p>
        <p>Beaker keeps only a fingerprint of it. If you lose it, revoke it and create another.</p>
      </div>
      <div className="field">
        <label className="field__label" htmlFor={`${id}-key`}>
          API key
        </label>
        <div className="input-group">
          <input ref={box} id={`${id}-key`} className="field__input settings-key" readOnly value={created.key} onFocus={(e) => e.target.select()} />
          <button type="button" className="btn btn--secondary" onClick={() => void copy()}>
            Copy
          </button>
        </div>
        <p className="field__hint" role="status">
          {copied === 'copied' ? 'Copied.' : copied === 'select' ? 'Selected: press Ctrl+C (⌘C on a Mac) to copy.' : 'Send it as “Authorization: Bearer <key>”.'}
        </p>
      </div>
      <button type="button" className="btn btn--primary" onClick={onDone}>
        I’ve copied it
      </button>
    </section>
  );
}
