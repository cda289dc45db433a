import { useEffect, useId, useRef, useState } from 'react';

type CopyState = 'idle' | 'copied' | 'select';

/**
 * The snippet the owner pastes into their site, exactly as the API gives it, with a Copy button.
 * Without clipboard access (an old browser, a denied permission) the snippet is selected instead,
 * for the owner to copy by hand.
 */
export function EmbedSnippet({ snippet }: { snippet: string }) {
  const [state, setState] = useState<CopyState>('idle');
  const box = useRef<HTMLTextAreaElement>(null);
  const id = useId();

  useEffect(() => {
    if (state !== 'copied') return;
    const timer = window.setTimeout(() => setState('idle'), 4_000);
    return () => window.clearTimeout(timer);
  }, [state]);

  async function copy() {
    try {
      if (!navigator.clipboard?.writeText) throw new Error('no clipboard');
      await navigator.clipboard.writeText(snippet);
      setState('copied');
    } catch {
      box.current?.focus();
      box.current?.select();
      setState('select');
    }
  }

  return (
    <div className="embed-snippet">
      <label className="field__label" htmlFor={`${id}-code`}>
        Embed code
      </label>
      <p className="field__hint" id={`${id}-hint`}>
        Paste it into your page where the form should appear. Add the page's website above first.
      </p>
      <textarea
        id={`${id}-code`}
        ref={box}
        className="field__input embed-snippet__code"
        readOnly
        rows={4}
        value={snippet}
        aria-describedby={`${id}-hint`}
        data-testid="embed-snippet"
        onFocus={(e) => e.currentTarget.select()}
      />
      <div className="button-row">
        <button type="button" className="btn btn--secondary btn--sm" onClick={() => void copy()}>
          {state === 'copied' ? 'Copied ✓' : 'Copy'}
        </button>
        <p role="status" className="small embed-snippet__status">
          {state === 'copied' ? 'Copied to your clipboard.' : state === 'select' ? 'Selected: press Ctrl+C (⌘C on a Mac) to copy it.' : ''}
        </p>
      </div>
    </div>
  );
}
