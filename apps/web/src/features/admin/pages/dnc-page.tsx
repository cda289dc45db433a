import type { DncEntry, DncStatusFilter } from '@beaker/contracts';
import { useId, useState } from 'react';
import { Link } from 'react-router-dom';
import { ErrorState } from '../../../app/error-state';
import { usePageTitle } from '../../../lib/use-page-title';
import { formatPhone } from '../../calls/components/call-format';
import { When } from '../components/admin-format';
import { DncAddForm, DncRemoveDialog, DncTakeOffButton } from '../../../components/do-not-call';
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
          <DncRemoveDialog
            title={`Take ${formatPhone(removing.phone)} off Beaker's list?`}
            description="Businesses and trials may call this number again (each business's own list, and the person's consent, still apply)."
            remove={remove}
            onClose={() => setRemoving(null)}
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
                    <DncTakeOffButton
                      label={`Take ${formatPhone(e.phone)} off the list`}
                      onClick={() => {
                        remove.reset();
                        setRemoving(e);
                      }}
                    />
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
  const add = useAddDncEntry();
  return (
    <DncAddForm
      add={add}
      label="Add a number to Beaker's do-not-call list"
      className="admin-filters admin-dnc-form"
      buttonClassName="lead-filters__buttons"
      messageClassName="admin-filters__problem"
      reasonMissing="Say why: the reason goes into the audit log."
      added={(entry) => `${formatPhone(entry.phone)} is on Beaker's list.`}
    />
  );
}
