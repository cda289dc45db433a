import type { AdminSessionView, TrialResponse } from '@beaker/contracts';
import { createColumnHelper } from '@tanstack/react-table';
import { useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ErrorState } from '../../../app/error-state';
import { LoadingState } from '../../../app/loading-state';
import { NotFoundPage } from '../../../app/not-found-page';
import { usePageTitle } from '../../../lib/use-page-title';
import { formatPhone } from '../../calls/components/call-format';
import { AuditLines, Facts, Id, isNotFound, When } from '../components/admin-format';
import { ConfirmDialog, useReturnFocus } from '../../../components/confirm-dialog';
import { DataTable } from '../../../components/data-table';
import { useAdminUser } from '../hooks/use-admin-user';
import { useSuspension } from '../hooks/use-suspension';

const session = createColumnHelper<AdminSessionView>();
const sessionColumns = [
  session.accessor('createdAt', { header: 'Signed in', cell: (i) => <When at={i.getValue()} /> }),
  session.accessor('lastSeenAt', { header: 'Last seen', cell: (i) => <When at={i.getValue()} /> }),
  session.accessor((s) => (s.revokedAt ? 'Signed out' : new Date(s.expiresAt) < new Date() ? 'Expired' : 'Active'), { id: 'state', header: 'State' }),
  session.accessor('ip', { header: 'IP', cell: (i) => <Id value={i.getValue()} /> }),
  session.accessor('userAgent', { header: 'Browser', cell: (i) => <span className="small break-anywhere">{i.getValue() ?? '—'}</span> }),
];

const trial = createColumnHelper<TrialResponse>();
const trialColumns = [
  trial.accessor('businessName', { header: 'Business name' }),
  trial.accessor('phone', { header: 'Phone', cell: (i) => <span className="nowrap">{formatPhone(i.getValue())}</span> }),
  trial.accessor('status', { header: 'Status' }),
  trial.accessor((t) => `${t.callsUsed} of ${t.callsLimit}`, { id: 'calls', header: 'Calls' }),
  trial.accessor('createdAt', { header: 'Started', cell: (i) => <When at={i.getValue()} /> }),
];

/** /admin/users/:id: the account and its standing, sessions, businesses, trials, what staff did; suspend or lift. */
export function AdminUserPage() {
  const { userId = '' } = useParams();
  const detail = useAdminUser(userId);
  usePageTitle(detail.data ? `${detail.data.user.email} · Admin` : 'User · Admin');
  const [confirming, setConfirming] = useState(false);
  const opener = useReturnFocus(confirming);
  const suspension = useSuspension(userId);

  if (detail.isPending) return <LoadingState label="Loading the user…" />;
  if (detail.isError) return isNotFound(detail.error) ? <NotFoundPage /> : <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  const { user, sessions, businesses, trials, auditEvents } = detail.data;
  const suspended = Boolean(user.suspendedAt);

  return (
    <>
      <header className="page-header">
        <p className="eyebrow">User</p>
        <h1 className="break-anywhere">{user.email}</h1>
        <p>
          {user.role === 'admin' ? <span className="badge badge--admin">Staff</span> : null}
          {suspended ? (
            <span className="badge badge--danger" data-testid="user-standing">
              Suspended
            </span>
          ) : (
            <span className="badge badge--success" data-testid="user-standing">
              In good standing
            </span>
          )}
        </p>
      </header>

      <section className="card" aria-labelledby="account-heading">
        <h2 id="account-heading">Account</h2>
        <Facts
          items={[
            ['User id', <Id value={user.id} />],
            ['Joined', <When at={user.createdAt} />],
            ['Last sign-in', <When at={user.lastSignInAt} />],
            ['Suspended', suspended ? <When at={user.suspendedAt} /> : 'No'],
            ['Suspension reason', user.suspensionReason],
          ]}
        />
        {suspension.isSuccess && !confirming ? (
          <p role="status" className="alert alert--success">
            {suspension.data.suspendedAt
              ? `Suspended. ${suspension.data.sessionsRevoked} session${suspension.data.sessionsRevoked === 1 ? '' : 's'} signed out.`
              : 'Suspension lifted: they may sign in again.'}
          </p>
        ) : null}
        {confirming ? (
          <ConfirmDialog
            title={suspended ? `Lift ${user.email}'s suspension?` : `Suspend ${user.email}?`}
            description={
              suspended
                ? 'They may sign in again. Sessions ended by the suspension stay signed out.'
                : 'They are signed out everywhere at once, their API keys stop working, and sign-in tells them the reason.'
            }
            confirmLabel={suspended ? 'Lift suspension' : 'Suspend user'}
            busyLabel={suspended ? 'Lifting…' : 'Suspending…'}
            withReason
            danger={!suspended}
            busy={suspension.isPending}
            error={suspension.error}
            onCancel={() => {
              suspension.reset();
              setConfirming(false);
            }}
            onConfirm={(reason) => suspension.mutate({ action: suspended ? 'lift' : 'suspend', reason }, { onSuccess: () => setConfirming(false) })}
          />
        ) : (
          <div className="button-row">
            <button
              ref={opener}
              type="button"
              className={`btn ${suspended ? 'btn--secondary' : 'btn--primary btn--danger'}`}
              onClick={() => {
                suspension.reset();
                setConfirming(true);
              }}
            >
              {suspended ? 'Lift suspension' : 'Suspend'}
            </button>
          </div>
        )}
      </section>

      <section className="card" aria-labelledby="businesses-heading">
        <h2 id="businesses-heading">Businesses</h2>
        {businesses.length === 0 ? (
          <p className="muted">Not a member of any business.</p>
        ) : (
          <ul className="admin-links">
            {businesses.map((b) => (
              <li key={b.id}>
                <Link to={`/admin/businesses/${b.id}`}>{b.name}</Link> <span className="muted">· {b.role}</span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="card" aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">Sessions</h2>
        {sessions.length === 0 ? <p className="muted">No sessions.</p> : <DataTable data={sessions} columns={sessionColumns} caption="Sessions, newest first" getRowId={(s) => s.id} />}
      </section>

      <section className="card" aria-labelledby="trials-heading">
        <h2 id="trials-heading">Trials</h2>
        {trials.length === 0 ? <p className="muted">No trials.</p> : <DataTable data={trials} columns={trialColumns} caption="Trials, newest first" getRowId={(t) => t.id} />}
      </section>

      <section className="card" aria-labelledby="audit-heading">
        <h2 id="audit-heading">Audit</h2>
        <AuditLines events={auditEvents} allHref={`/admin/audit?targetId=${user.id}`} />
      </section>
    </>
  );
}
