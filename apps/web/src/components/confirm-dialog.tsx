import { useEffect, useId, useRef } from 'react';
import { useForm } from 'react-hook-form';
import { isApiError } from '../lib/api-error';
// Its styles load with it: staff's and owners' pages show it.
import './confirm-dialog.css';

interface ConfirmDialogProps {
  title: string;
  /** What the action does, in a sentence. */
  description: string;
  confirmLabel: string;
  busyLabel: string;
  /** Ask for a reason (the API records it in the audit log). */
  withReason?: boolean;
  danger?: boolean;
  busy: boolean;
  error: unknown;
  onConfirm: (reason: string) => void;
  onCancel: () => void;
}

const REASON_MAX = 500;

/**
 * An action's confirmation (staff's and owners'): what it does, a reason when the action needs one, then confirm or
 * cancel. Focus moves into it when it opens (to the reason, or to Cancel) and Escape cancels; the
 * opener takes the focus back (see useReturnFocus).
 */
export function ConfirmDialog({ title, description, confirmLabel, busyLabel, withReason = false, danger = false, busy, error, onConfirm, onCancel }: ConfirmDialogProps) {
  const id = useId();
  const cancel = useRef<HTMLButtonElement>(null);
  const { register, handleSubmit, formState, setFocus } = useForm<{ reason: string }>({ defaultValues: { reason: '' } });

  useEffect(() => {
    if (withReason) setFocus('reason');
    else cancel.current?.focus();
  }, [withReason, setFocus]);

  const reasonError = formState.errors.reason?.message;
  return (
    <div
      className={`alert ${danger ? 'alert--error' : 'alert--warning'} confirm-dialog`}
      role="alertdialog"
      aria-labelledby={`${id}-title`}
      aria-describedby={`${id}-text`}
      onKeyDown={(e) => {
        if (e.key === 'Escape' && !busy) onCancel();
      }}
    >
      <h2 className="alert__title confirm-dialog__title" id={`${id}-title`}>
        {title}
      </h2>
      <p id={`${id}-text`}>{description}</p>
      <form onSubmit={handleSubmit((values) => onConfirm(values.reason.trim()))} noValidate className="form">
        {withReason ? (
          <div className="field">
            <label htmlFor={`${id}-reason`} className="field__label">
              Reason
            </label>
            <textarea
              id={`${id}-reason`}
              className="field__input"
              rows={2}
              maxLength={REASON_MAX}
              aria-invalid={reasonError ? true : undefined}
              aria-describedby={reasonError ? `${id}-reason-error` : `${id}-reason-hint`}
              {...register('reason', {
                validate: (v) => (v.trim().length > 0 ? true : 'Say why: the reason goes into the audit log.'),
              })}
            />
            {reasonError ? (
              <p id={`${id}-reason-error`} className="field__error">
                {reasonError}
              </p>
            ) : (
              <p id={`${id}-reason-hint`} className="field__hint">
                Kept in the audit log with your name.
              </p>
            )}
          </div>
        ) : null}
        {error ? (
          <p role="alert" className="text-error">
            {isApiError(error) ? (error.detail ?? error.title) : 'That did not work. Try again.'}
          </p>
        ) : null}
        <div className="button-row">
          <button type="submit" className={`btn btn--primary${danger ? ' btn--danger' : ''}`} disabled={busy}>
            {busy ? busyLabel : confirmLabel}
          </button>
          <button ref={cancel} type="button" className="btn btn--secondary" onClick={onCancel} disabled={busy}>
            Cancel
          </button>
        </div>
      </form>
    </div>
  );
}

/** Gives the focus back to the button that opened a dialog once it closes. */
export function useReturnFocus(open: boolean) {
  const opener = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (!open && wasOpen.current) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);
  return opener;
}
