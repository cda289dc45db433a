import { useEffect, useId, useRef, useState, type ReactNode } from 'react';

/**
 * A button that asks first: the question, what the action does, and the two answers, in place;
 * focus moves to the safe answer, and back to the button when the question is dismissed.
 */
export function ConfirmAction({
  openLabel,
  openClassName,
  title,
  children,
  confirmLabel,
  pendingLabel,
  cancelLabel,
  danger,
  pending,
  problem,
  onConfirm,
}: {
  openLabel: string;
  openClassName: string;
  title: string;
  /** What the action does, in a sentence or two. */
  children: ReactNode;
  confirmLabel: string;
  pendingLabel: string;
  cancelLabel: string;
  danger?: boolean;
  pending: boolean;
  problem: string | null;
  onConfirm: () => void;
}) {
  const [confirming, setConfirming] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const openRef = useRef<HTMLButtonElement>(null);
  const wasConfirming = useRef(false);
  const id = useId();

  useEffect(() => {
    if (confirming) cancelRef.current?.focus();
    else if (wasConfirming.current) openRef.current?.focus();
    wasConfirming.current = confirming;
  }, [confirming]);

  if (!confirming) {
    return (
      <button ref={openRef} type="button" className={openClassName} onClick={() => setConfirming(true)}>
        {openLabel}
      </button>
    );
  }
  return (
    <div className={`alert ${danger ? 'alert--error' : 'alert--warning'} confirm-action`} role="alertdialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-text`}>
      <p className="alert__title" id={`${id}-title`}>
        {title}
      </p>
      <div id={`${id}-text`}>{children}</div>
      {problem ? <p role="alert">{problem}</p> : null}
      <div className="button-row">
        <button type="button" className={`btn btn--primary${danger ? ' btn--danger' : ''}`} onClick={onConfirm} disabled={pending}>
          {pending ? pendingLabel : confirmLabel}
        </button>
        <button ref={cancelRef} type="button" className="btn btn--secondary" onClick={() => setConfirming(false)} disabled={pending}>
          {cancelLabel}
        </button>
      </div>
    </div>
  );
}
