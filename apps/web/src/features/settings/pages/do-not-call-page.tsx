import type { DncEntry, DncSource, DncStatusFilter } from '@beaker/contracts';
import { createColumnHelper } from '@tanstack/react-table';
import { useId, useMemo, useState } from 'react';
import { ErrorState } from '../../../app/error-state';
import { isApiError } from '../../../lib/api-error';
import { usePageTitle } from '../../../lib/use-page-title';
import { DataTable, LoadMore } from '../../../components/data-table';
import { DncAddForm, DncRemoveDialog, DncTakeOffButton } from '../../../components/do-not-call';
import { formatPhone } from '../../calls/components/call-format';
import { formatDateTime } from '../../dashboard/components/dashboard-format';
import { useCurrentBusiness } from '../../dashboard/hooks/use-current-business';
import { useAddBusinessDnc } from '../hooks/use-add-business-dnc';
import { useBusinessDnc } from '../hooks/use-business-dnc';
import { useRemoveBusinessDnc } from '../hooks/use-remove-business-dnc';

const SHOW: { value: DncStatusFilter; label: string }[] = [
  { value: 'active', label: 'On the list' },
  { value: 'removed', label: 'Taken off' },
  { value: 'all', label: 'All' },
];

export const DNC_SOURCE_LABELS: Record<DncSource, string> = {
  business: 'Your team',
  api: 'Your API key',
  admin: 'Beaker staff',
  in_call_opt_out: 'Asked during a call',
  sms_stop: 'Texted STOP',
};

/** Opt-outs the person made themselves: theirs, not the business's to lift (only Beaker staff can, or the person texting START). */
export function isConsumerOptOut(entry: Pick<DncEntry, 'source'>): boolean {
  return entry.source === 'in_call_opt_out' || entry.source === 'sms_stop';
}

const column = createColumnHelper<DncEntry>();

/** The business's do-not-call list: add a number with a reason, take one off with a reason; people's own opt-outs stay. */
export function DoNotCallPage() {
  const business = useCurrentBusiness();
  usePageTitle(`Do not call · ${business.name}`);
  const [status, setStatus] = useState<DncStatusFilter>('active');
  const entries = useBusinessDnc(business.id, status);
  const items = entries.data?.pages.flatMap((p) => p.items) ?? [];
  const remove = useRemoveBusinessDnc(business.id);
  const [removing, setRemoving] = useState<DncEntry | null>(null);
  const id = useId();

  const columns = useMemo(
    () => [
      column.accessor('phone', { header: 'Number', cell: (info) => <span className="nowrap">{formatPhone(info.getValue())}</span> }),
      column.accessor('source', { header: 'Added by', cell: (info) => DNC_SOURCE_LABELS[info.getValue()] }),
      column.accessor('reason', { header: 'Reason', cell: (info) => <span className="settings-text">{info.getValue()}</span> }),
      column.accessor('createdAt', { header: 'Since', cell: (info) => <time dateTime={info.getValue()}>{formatDateTime(info.getValue())}</time> }),
      column.display({
        id: 'action',
        header: 'Action',
        cell: ({ row }) => {
          const e = row.original;
          if (e.removedAt) {
            return (
              <span className="small muted">
                Taken off {formatDateTime(e.removedAt)}
                {e.removalReason ? `: “${e.removalReason}”` : ''}
              </span>
            );
          }
          if (isConsumerOptOut(e)) return <span className="small muted">The person’s own opt-out: it stays.</span>;
          return (
            <DncTakeOffButton
              label={`Take off ${formatPhone(e.phone)}`}
              onClick={() => {
                remove.reset();
                setRemoving(e);
              }}
            />
          );
        },
      }),
    ],
    [remove],
  );

  return (
    <>
      <header className="page-header">
        <h1>Do not call</h1>
        <p className="lead">
          {business.name}’s assistant never calls these numbers, from the next call on. People who ask not to be called during a call, or text STOP, are added by themselves; only they can lift that.
        </p>
      </header>
      <AddDncForm businessId={business.id} />
      <section className="card" aria-labelledby={`${id}-list`}>
        <div className="settings-inline">
          <h2 id={`${id}-list`}>The list</h2>
          <div className="field">
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
        {removing ? (
          <DncRemoveDialog
            title={`Take ${formatPhone(removing.phone)} off the list?`}
            description="Your assistant may call this number again (Beaker's own list and the person's consent still apply)."
            remove={remove}
            onClose={() => setRemoving(null)}
            onConfirm={(reason) => remove.mutate({ entryId: removing.id, reason }, { onSuccess: () => setRemoving(null) })}
          />
        ) : null}
        {remove.isSuccess && !removing ? (
          <p role="status" className="alert alert--success">
            {formatPhone(remove.data.phone)} is off the list.
          </p>
        ) : null}
        {entries.isPending ? (
          <p className="muted">Loading…</p>
        ) : entries.isError ? (
          <ErrorState error={entries.error} onRetry={() => void entries.refetch()} />
        ) : items.length === 0 ? (
          <p className="muted">No numbers {status === 'removed' ? 'taken off yet' : 'on the list'}.</p>
        ) : (
          <>
            <DataTable data={items} columns={columns} caption="Do-not-call list" getRowId={(e) => e.id} testId="dnc-table" />
            <LoadMore hasMore={Boolean(entries.hasNextPage)} loading={entries.isFetchingNextPage} onLoad={() => void entries.fetchNextPage()} what="numbers" />
          </>
        )}
      </section>
    </>
  );
}

function AddDncForm({ businessId }: { businessId: string }) {
  const add = useAddBusinessDnc(businessId);
  return (
    <DncAddForm
      add={add}
      title="Add a number"
      className="card settings-form"
      rowClassName="settings-inline"
      phoneAutoComplete="off"
      reasonPlaceholder="Asked us not to call"
      reasonMissing="Say why: it is kept with the entry."
      phoneProblem={(error) => (isApiError(error, 'COMPLIANCE.INVALID_PHONE') ? error.detail : undefined)}
      failed={(error) => (isApiError(error, 'COMPLIANCE.ALREADY_ON_DNC_LIST') ? 'That number is already on the list.' : undefined)}
      added={(entry) => `${formatPhone(entry.phone)} is on the list.`}
    />
  );
}
