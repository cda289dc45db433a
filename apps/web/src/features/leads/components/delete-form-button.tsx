import { useEffect, useId, useRef, useState } from 'react';
import { isApiError } from '../../../lib/api-error';

/** "Delete form", then a confirmation that says what deleting does; focus moves into it and back. */
export function DeleteFormButton({ formName, onDelete, deleting, error }: { formName: string; onDelete: () => void; deleting: boolean; error: unknown }) {
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
      <button ref={openRef} type="button" className="btn btn--ghost btn--sm btn--danger-text" onClick={() => setConfirming(true)}>
        Delete this form
      </button>
    );
  }
  return (
    <div className="alert alert--error" role="alertdialog" aria-labelledby={`${id}-title`} aria-describedby={`${id}-text`}>
      <p className="alert__title" id={`${id}-title`}>
        Delete “{formName}”?
      </p>
      <p id={`${id}-text`}>Its embed code stops working at once on every site. The leads it brought in stay, with their consent records.</p>
      {error ? <p>{isApiError(error) ? (error.detail ?? error.title) : 'The form could not be deleted. Try again.'}</p> : null}
      <div className="button-row">
        <button type="button" className="btn btn--primary btn--danger" onClick={onDelete} disabled={deleting}>
          {deleting ? 'Deleting…' : 'Delete form'}
        </button>
        <button ref={cancelRef} type="button" className="btn btn--secondary" onClick={() => setConfirming(false)} disabled={deleting}>
          Keep it
        </button>
      </div>
    </div>
  );
}
