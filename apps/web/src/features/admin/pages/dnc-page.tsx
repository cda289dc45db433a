import type { DncAddRequest, DncEntry, DncStatusFilter } from '@beaker/contracts';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router-dom';
import { ErrorState } from '../../../app/error-state';
import { isApiError } from '../../../lib/api-error';
import { usePageTitle } from '../../../lib/use-page-title';
import { formatPhone } from '../../calls/components/call-format';
import { When } from '../components/admin-format';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { LoadMore } from '../../../components/data-table';
import { useAddDncEntry } from '../hooks/use-add-dnc-entry';
import { useDncEntries } from '../hooks/use-dnc-entries';
import { useRemoveDncEntry } from '../hooks/use-remove-dnc-entry';

const SHOW: { value: DncStatusFilter; label: string }[] = [
  { value: 'active', label: 'On the list' },
  { value: 'removed', label: 'Taken off' },
  { value: 'all', label: 'All' },
];

/** /admin/dnc: Beaker's own do-not-call list — no business and no trial calls these numbers. Add, or take off with a reason. */
export function DncPage() {
  usePageTitle('Do not call · Admin');
  const [status, setStatus] = useState<DncStatusFilter>('active');
  const entries = useDncEntries(status);
  const items = entries.data?.pages.flatMap((p) => p.items) ?? [];
  const remove = useRemoveDncEntry();
  const [removing, setRemoving] = useState<DncEntry | null>(null);
  const id = useId();

  return (
    <>
      <header className="page-header">
        <h1>Do not call</h1>
        <p className="lead">Beaker's own list: no business and no trial calls these numbers, from the next compliance check on. Each change is in the audit log.</p>
      </header>
      <section className="card" aria-labelledby="dnc-add-heading">
        <h2 id="dnc-add-heading">Add a number</h2>
        <AddDncForm />
      </section>
      <section className="card" aria-labelledby="dnc-list-heading">
        <div className="admin-section-head">
          <h2 id="dnc-list-heading">The list</h2>
          <div className="field admin-inline-field">
            <label htmlFor={`${id}-show`} className="field__label">
              Show
            </label>
            <select id={`${id}-show`} className="field__input" value={status} onChange={(e) => setStatus(e.target.value as DncStatusFilter)}>
              {SHOW.map((s) => (
                <option key={s.value} value={s.value}>
                  {s.label}
                </option>
              ))}
            </select>
          </div>
        </div>
        {remove.isSuccess && !removing ? (
          <p role="status" className="alert alert--success">
            {formatPhone(remove.data.phone)} taken off the list.
          </p>
        ) : null}
        {removing ? (
          <ConfirmDialog
            title={`Take ${formatPhone(removing.phone)} off Beaker's list?`}
            description="Businesses and trials may call this number again (each business's own list, and the person's consent, still apply)."
            confirmLabel="Take off the list"
            busyLabel="Taking off…"
            withReason
            busy={remove.isPending}
            error={remove.error}
            onCancel={() => {
              remove.reset();
              setRemoving(null);
            }}
            onConfirm={(reason) => remove.mutate({ id: removing.id, reason }, { onSuccess: () => setRemoving(null) })}
          />
        ) : null}
        {entries.isPending ? (
          <p className="muted">Loading…</p>
        ) : entries.isError ? (
          <ErrorState error={entries.error} onRetry={() => void entries.refetch()} />
        ) : items.length === 0 ? (
          <p className="muted">No numbers {status === 'removed' ? 'taken off' : 'on the list'}.</p>
        ) : (
          <>
            <ul className="admin-blocks" aria-label="Do-not-call entries">
              {items.map((e) => (
                <li key={e.id} className="admin-block">
                  <div>
                    <strong className="nowrap">{formatPhone(e.phone)}</strong> <span className="muted">· {e.source.replace(/_/g, ' ')}</span>
                    <p className="small muted">
                      Since <When at={e.createdAt} />: “{e.reason}”
                      {e.callId ? (
                        <>
                          {' '}
                          · <Link to={`/admin/calls/${e.callId}`}>the call</Link>
                        </>
                      ) : null}
                      {e.removedAt ? (
                        <>
                          {' '}
                          · taken off <When at={e.removedAt} />
                          {e.removalReason ? `: “${e.removalReason}”` : ''}
                        </>
                      ) : null}
                    </p>
                  </div>
                  {e.removedAt ? null : (
                    <button
                      type="button"
                      className="btn btn--ghost btn--sm"
                      aria-label={`Take ${formatPhone(e.phone)} off the list`}
                      onClick={() => {
                        remove.reset();
                        setRemoving(e);
                      }}
                    >
                      Take off
                    </button>
                  )}
                </li>
              ))}
            </ul>
            <LoadMore hasMore={Boolean(entries.hasNextPage)} loading={entries.isFetchingNextPage} onLoad={() => void entries.fetchNextPage()} what="numbers" />
          </>
        )}
      </section>
    </>
  );
}

function AddDncForm() {
  const id = useId();
  const add = useAddDncEntry();
  const { register, handleSubmit, formState, reset } = useForm<DncAddRequest>({ defaultValues: { phone: '', reason: '' } });
  const errors = formState.errors;
  const apiMessage = (field: string) => (isApiError(add.error) ? add.error.fieldMessages(field)[0] : undefined);
  const phoneError = errors.phone?.message ?? apiMessage('phone');
  const reasonError = errors.reason?.message ?? apiMessage('reason');

  return (
    <form
      className="admin-filters admin-dnc-form"
      aria-label="Add a number to Beaker's do-not-call list"
      noValidate
      onSubmit={handleSubmit((values) => add.mutate({ phone: values.phone.trim(), reason: values.reason.trim() }, { onSuccess: () => reset({ phone: '', reason: '' }) }))}
    >
      <div className="field">
        <label htmlFor={`${id}-phone`} className="field__label">
          Phone number
        </label>
        <input
          id={`${id}-phone`}
          type="tel"
          className="field__input"
          placeholder="+14155550123"
          aria-invalid={phoneError ? true : undefined}
          aria-describedby={phoneError ? `${id}-phone-error` : undefined}
          {...register('phone', { validate: (v) => v.trim().length > 0 || 'Enter the phone number.' })}
        />
        {phoneError ? (
          <p id={`${id}-phone-error`} className="field__error">
            {phoneError}
          </p>
        ) : null}
      </div>
      <div className="field">
        <label htmlFor={`${id}-reason`} className="field__label">
          Reason
        </label>
        <input
          id={`${id}-reason`}
          className="field__input"
          maxLength={500}
          aria-invalid={reasonError ? true : undefined}
          aria-describedby={reasonError ? `${id}-reason-error` : undefined}
          {...register('reason', { validate: (v) => v.trim().length > 0 || 'Say why: the reason goes into the audit log.' })}
        />
        {reasonError ? (
          <p id={`${id}-reason-error`} className="field__error">
            {reasonError}
          </p>
        ) : null}
      </div>
      <div className="lead-filters__buttons">
        <button type="submit" className="btn btn--primary" disabled={add.isPending}>
          {add.isPending ? 'Adding…' : 'Add to the list'}
        </button>
      </div>
      {add.isError && !apiMessage('phone') && !apiMessage('reason') ? (
        <p role="alert" className="text-error admin-filters__problem">
          {isApiError(add.error) ? (add.error.detail ?? add.error.title) : 'The number could not be added. Try again.'}
        </p>
      ) : null}
      {add.isSuccess ? (
        <p role="status" className="admin-filters__problem">
          {formatPhone(add.data.phone)} is on Beaker's list.
        </p>
      ) : null}
    </form>
  );
}
