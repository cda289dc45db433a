import type { DncAddRequest, DncEntry } from '@beaker/contracts';
import type { UseMutationResult } from '@tanstack/react-query';
import { useId } from 'react';
import { useForm } from 'react-hook-form';
import { isApiError } from '../lib/api-error';
import { ConfirmDialog } from './confirm-dialog';
import { TextField } from './text-field';

/**
 * The pieces of a do-not-call list page, shared by the owners' list (settings) and Beaker's own
 * (admin): the form that adds a number with its reason, the button that opens a removal, and the
 * removal's confirmation, which asks for a reason too. Each page keeps its own words and layout.
 */

interface DncAddFormProps {
  add: UseMutationResult<DncEntry, unknown, DncAddRequest>;
  /** A heading inside the form, which names it; or, under a heading of the page's, `label`. */
  title?: string;
  label?: string;
  className: string;
  /** Wraps the fields and the button (one row on wide screens). */
  rowClassName?: string;
  /** Wraps the button alone. */
  buttonClassName?: string;
  /** Added to the form's error and confirmation lines. */
  messageClassName?: string;
  phoneAutoComplete?: string;
  reasonPlaceholder?: string;
  /** What to say when the reason is missing (why it is asked). */
  reasonMissing: string;
  /** The confirmation once the number is on the list. */
  added: (entry: DncEntry) => string;
  /** A problem of the API's that belongs under the phone field, if the page knows one. */
  phoneProblem?: (error: unknown) => string | undefined;
  /** The page's words for an API problem it knows; otherwise the problem's own detail. */
  failed?: (error: unknown) => string | undefined;
}

export function DncAddForm({
  add,
  title,
  label,
  className,
  rowClassName,
  buttonClassName,
  messageClassName,
  phoneAutoComplete,
  reasonPlaceholder,
  reasonMissing,
  added,
  phoneProblem,
  failed,
}: DncAddFormProps) {
  const id = useId();
  const { register, handleSubmit, formState, reset } = useForm<DncAddRequest>({ defaultValues: { phone: '', reason: '' } });
  const apiMessage = (field: string) => (isApiError(add.error) ? add.error.fieldMessages(field)[0] : undefined);
  const phoneError = formState.errors.phone?.message ?? apiMessage('phone') ?? phoneProblem?.(add.error);
  const reasonError = formState.errors.reason?.message ?? apiMessage('reason');
  const withClass = (base?: string) => [base, messageClassName].filter(Boolean).join(' ') || undefined;

  const button = (
    <button type="submit" className="btn btn--primary" disabled={add.isPending}>
      {add.isPending ? 'Adding…' : 'Add to the list'}
    </button>
  );
  const fields = (
    <>
      <TextField
        label="Phone number"
        type="tel"
        autoComplete={phoneAutoComplete}
        placeholder="+14155550123"
        error={phoneError}
        {...register('phone', { validate: (v) => v.trim().length > 0 || 'Enter the phone number.' })}
      />
      <TextField label="Reason" maxLength={500} placeholder={reasonPlaceholder} error={reasonError} {...register('reason', { validate: (v) => v.trim().length > 0 || reasonMissing })} />
      {buttonClassName ? <div className={buttonClassName}>{button}</div> : button}
    </>
  );

  return (
    <form
      className={className}
      aria-labelledby={title ? `${id}-title` : undefined}
      aria-label={title ? undefined : label}
      noValidate
      onSubmit={handleSubmit((values) => add.mutate({ phone: values.phone.trim(), reason: values.reason.trim() }, { onSuccess: () => reset({ phone: '', reason: '' }) }))}
    >
      {title ? <h2 id={`${id}-title`}>{title}</h2> : null}
      {rowClassName ? <div className={rowClassName}>{fields}</div> : fields}
      {add.isError && !phoneError && !reasonError ? (
        <p role="alert" className={withClass('text-error')}>
          {failed?.(add.error) ?? (isApiError(add.error) ? (add.error.detail ?? add.error.title) : 'The number could not be added. Try again.')}
        </p>
      ) : null}
      {add.isSuccess ? (
        <p role="status" className={withClass()}>
          {added(add.data)}
        </p>
      ) : null}
    </form>
  );
}

/** Opens the removal of an entry (the caller resets the removal's last outcome first). */
export function DncTakeOffButton({ label, onClick }: { label: string; onClick: () => void }) {
  return (
    <button type="button" className="btn btn--ghost btn--sm" aria-label={label} onClick={onClick}>
      Take off
    </button>
  );
}

interface DncRemoveDialogProps {
  title: string;
  description: string;
  remove: { isPending: boolean; error: unknown; reset: () => void };
  onConfirm: (reason: string) => void;
  onClose: () => void;
}

/** Taking a number off a list, with the reason kept beside the entry. Cancelling forgets the attempt. */
export function DncRemoveDialog({ title, description, remove, onConfirm, onClose }: DncRemoveDialogProps) {
  return (
    <ConfirmDialog
      title={title}
      description={description}
      confirmLabel="Take off the list"
      busyLabel="Taking off…"
      withReason
      busy={remove.isPending}
      error={remove.error}
      onCancel={() => {
        remove.reset();
        onClose();
      }}
      onConfirm={onConfirm}
    />
  );
}
