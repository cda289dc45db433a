import { TRIAL_BLOCK_KINDS, type AbuseEventView, type AbuseTopEntry, type CreateTrialBlockRequest, type TrialBlock } from '@beaker/contracts';
import { createColumnHelper } from '@tanstack/react-table';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link, useSearchParams } from 'react-router-dom';
import { ErrorState } from '../../../app/error-state';
import { isApiError } from '../../../lib/api-error';
import { usePageTitle } from '../../../lib/use-page-title';
import { Id, When } from '../components/admin-format';
import { ConfirmDialog } from '../../../components/confirm-dialog';
import { TextField } from '../../../components/text-field';
import { DataTable, LoadMore } from '../../../components/data-table';
import { useAbuseEvents } from '../hooks/use-abuse-events';
import { useAbuseTop } from '../hooks/use-abuse-top';
import { useAddTrialBlock } from '../hooks/use-add-trial-block';
import { useLiftTrialBlock } from '../hooks/use-lift-trial-block';
import { useTrialBlocks } from '../hooks/use-trial-blocks';

const DAY_CHOICES = [1, 7, 30, 90];

const top = createColumnHelper<AbuseTopEntry>();
const topColumns = [
  top.accessor('value', { header: 'Value', cell: (i) => <Link to={`/admin?q=${encodeURIComponent(i.getValue())}`}>{i.getValue()}</Link> }),
  top.accessor('events', { header: 'Refusals' }),
  top.accessor('users', { header: 'People' }),
  top.accessor('lastAt', { header: 'Last', cell: (i) => <When at={i.getValue()} />, sortingFn: 'datetime' }),
];

const abuse = createColumnHelper<AbuseEventView>();
const abuseColumns = [
  abuse.accessor('at', { header: 'When', cell: (i) => <When at={i.getValue()} /> }),
  abuse.accessor('kind', { header: 'Why refused' }),
  abuse.accessor('phone', { header: 'Phone', cell: (i) => <Id value={i.getValue()} /> }),
  abuse.accessor('ip', { header: 'IP', cell: (i) => <Id value={i.getValue()} /> }),
  abuse.accessor('userId', { header: 'User', cell: (i) => (i.getValue() ? <Link to={`/admin/users/${i.getValue()}`}>Open user</Link> : <span className="muted">—</span>) }),
];

const KIND_LABELS: Record<TrialBlock['kind'], string> = { phone: 'Phone number', email_domain: 'Email domain' };

/** /admin/abuse: where refused trials come from (top phones, IPs, email domains), the refusals, and trial blocks to add or lift. */
export function AbusePage() {
  usePageTitle('Abuse review · Admin');
  const [params, setParams] = useSearchParams();
  const days = DAY_CHOICES.includes(Number(params.get('days'))) ? Number(params.get('days')) : 7;
  const report = useAbuseTop(days);
  const events = useAbuseEvents();
  const eventItems = events.data?.pages.flatMap((p) => p.items) ?? [];
  const id = useId();

  return (
    <>
      <header className="page-header">
        <h1>Abuse review</h1>
        <p className="lead">Refused trials and where they come from; bar a phone number or an email domain from starting trials.</p>
      </header>

      <section className="card" aria-labelledby="top-heading">
        <div className="admin-section-head">
          <h2 id="top-heading">Refused most</h2>
          <div className="field admin-inline-field">
            <label htmlFor={`${id}-days`} className="field__label">
              Period
            </label>
            <select id={`${id}-days`} className="field__input" value={days} onChange={(e) => setParams({ days: e.target.value }, { replace: true })}>
              {DAY_CHOICES.map((d) => (
                <option key={d} value={d}>
                  Last {d === 1 ? 'day' : `${d} days`}
                </option>
              ))}
            </select>
          </div>
        </div>
        {report.isPending ? (
          <p className="muted">Loading…</p>
        ) : report.isError ? (
          <ErrorState error={report.error} onRetry={() => void report.refetch()} />
        ) : (
          <div className="admin-top-grid">
            {(
              [
                ['Phone numbers', report.data.phones],
                ['IP addresses', report.data.ips],
                ['Email domains', report.data.emailDomains],
              ] as const
            ).map(([title, entries]) => (
              <div key={title}>
                <h3>{title}</h3>
                {entries.length === 0 ? (
                  <p className="muted">None refused.</p>
                ) : (
                  <DataTable data={[...entries]} columns={topColumns} caption={`${title} refused most in the last ${days} days`} getRowId={(e) => e.value} sortable />
                )}
              </div>
            ))}
          </div>
        )}
      </section>

      <TrialBlocksSection />

      <section className="card" aria-labelledby="refusals-heading">
        <h2 id="refusals-heading">Refusals</h2>
        {events.isPending ? (
          <p className="muted">Loading…</p>
        ) : events.isError ? (
          <ErrorState error={events.error} onRetry={() => void events.refetch()} />
        ) : eventItems.length === 0 ? (
          <p className="muted">No refused or stopped trial actions.</p>
        ) : (
          <>
            <DataTable data={eventItems} columns={abuseColumns} caption="Refused and stopped trial actions, newest first" getRowId={(e) => e.id} sortable />
            <LoadMore hasMore={Boolean(events.hasNextPage)} loading={events.isFetchingNextPage} onLoad={() => void events.fetchNextPage()} what="refusals" />
          </>
        )}
      </section>
    </>
  );
}

function TrialBlocksSection() {
  const [status, setStatus] = useState<'active' | 'all'>('active');
  const blocks = useTrialBlocks(status);
  const items = blocks.data?.pages.flatMap((p) => p.items) ?? [];
  const lift = useLiftTrialBlock();
  const [lifting, setLifting] = useState<TrialBlock | null>(null);
  const id = useId();

  return (
    <section className="card" aria-labelledby="blocks-heading">
      <div className="admin-section-head">
        <h2 id="blocks-heading">Trial blocks</h2>
        <div className="field admin-inline-field">
          <label htmlFor={`${id}-status`} className="field__label">
            Show
          </label>
          <select id={`${id}-status`} className="field__input" value={status} onChange={(e) => setStatus(e.target.value as 'active' | 'all')}>
            <option value="active">Active blocks</option>
            <option value="all">All, lifted too</option>
          </select>
        </div>
      </div>
      <AddTrialBlockForm />
      {lift.isSuccess && !lifting ? (
        <p role="status" className="alert alert--success">
          Block on {lift.data.value} lifted.
        </p>
      ) : null}
      {lifting ? (
        <ConfirmDialog
          title={`Lift the block on ${lifting.value}?`}
          description="Trials from this phone number or email domain are allowed again from now on."
          confirmLabel="Lift block"
          busyLabel="Lifting…"
          withReason
          busy={lift.isPending}
          error={lift.error}
          onCancel={() => {
            lift.reset();
            setLifting(null);
          }}
          onConfirm={(reason) => lift.mutate({ id: lifting.id, reason }, { onSuccess: () => setLifting(null) })}
        />
      ) : null}
      {blocks.isPending ? (
        <p className="muted">Loading…</p>
      ) : blocks.isError ? (
        <ErrorState error={blocks.error} onRetry={() => void blocks.refetch()} />
      ) : items.length === 0 ? (
        <p className="muted">No {status === 'active' ? 'active ' : ''}trial blocks.</p>
      ) : (
        <>
          <ul className="admin-blocks" aria-label="Trial blocks">
            {items.map((b) => (
              <li key={b.id} className="admin-block">
                <div>
                  <strong className="break-anywhere">{b.value}</strong> <span className="muted">· {KIND_LABELS[b.kind]}</span>
                  <p className="small muted">
                    Since <When at={b.createdAt} />: “{b.reason}”
                    {b.liftedAt ? (
                      <>
                        {' '}
                        · lifted <When at={b.liftedAt} />
                        {b.liftReason ? `: “${b.liftReason}”` : ''}
                      </>
                    ) : null}
                  </p>
                </div>
                {b.liftedAt ? null : (
                  <button
                    type="button"
                    className="btn btn--ghost btn--sm"
                    aria-label={`Lift the block on ${b.value}`}
                    onClick={() => {
                      lift.reset();
                      setLifting(b);
                    }}
                  >
                    Lift
                  </button>
                )}
              </li>
            ))}
          </ul>
          <LoadMore hasMore={Boolean(blocks.hasNextPage)} loading={blocks.isFetchingNextPage} onLoad={() => void blocks.fetchNextPage()} what="blocks" />
        </>
      )}
    </section>
  );
}

function AddTrialBlockForm() {
  const id = useId();
  const add = useAddTrialBlock();
  const { register, handleSubmit, formState, reset, watch } = useForm<CreateTrialBlockRequest>({ defaultValues: { kind: 'phone', value: '', reason: '' } });
  const kind = watch('kind');
  const errors = formState.errors;
  const apiMessage = (field: string) => (isApiError(add.error) ? add.error.fieldMessages(field)[0] : undefined);
  const valueError = errors.value?.message ?? apiMessage('value');
  const reasonError = errors.reason?.message ?? apiMessage('reason');

  return (
    <form
      className="admin-filters admin-block-form"
      aria-label="Block from trials"
      noValidate
      onSubmit={handleSubmit((values) => add.mutate({ ...values, value: values.value.trim(), reason: values.reason.trim() }, { onSuccess: () => reset({ kind: values.kind, value: '', reason: '' }) }))}
    >
      <div className="field">
        <label htmlFor={`${id}-kind`} className="field__label">
          Block
        </label>
        <select id={`${id}-kind`} className="field__input" {...register('kind')}>
          {TRIAL_BLOCK_KINDS.map((k) => (
            <option key={k} value={k}>
              {KIND_LABELS[k]}
            </option>
          ))}
        </select>
      </div>
      <TextField
        label={kind === 'phone' ? 'Phone number' : 'Email domain'}
        placeholder={kind === 'phone' ? '(773) 555-0100' : 'example.com'}
        error={valueError}
        {...register('value', { validate: (v) => v.trim().length > 0 || (kind === 'phone' ? 'Enter the phone number to block.' : 'Enter the email domain to block.') })}
      />
      <TextField label="Reason" maxLength={500} error={reasonError} {...register('reason', { validate: (v) => v.trim().length > 0 || 'Say why: the reason goes into the audit log.' })} />
      <div className="lead-filters__buttons">
        <button type="submit" className="btn btn--primary" disabled={add.isPending}>
          {add.isPending ? 'Blocking…' : 'Block from trials'}
        </button>
      </div>
      {add.isError && !apiMessage('value') && !apiMessage('reason') ? (
        <p role="alert" className="text-error admin-filters__problem">
          {isApiError(add.error) ? (add.error.detail ?? add.error.title) : 'The block could not be added. Try again.'}
        </p>
      ) : null}
      {add.isSuccess ? (
        <p role="status" className="admin-filters__problem">
          Blocked {add.data.value}.
        </p>
      ) : null}
    </form>
  );
}
