import { Link, useParams } from 'react-router-dom';
import { ErrorState } from '../../../app/error-state';
import { LoadingState } from '../../../app/loading-state';
import { NotFoundPage } from '../../../app/not-found-page';
import { usePageTitle } from '../../../lib/use-page-title';
import { formatPhone } from '../../calls/components/call-format';
import { Facts, Id, isNotFound, When } from '../components/admin-format';
import { useAdminTrial } from '../hooks/use-admin-trial';

/** /admin/trials/:id: a trial, who started it, its latest call. */
export function AdminTrialPage() {
  const { id = '' } = useParams();
  const detail = useAdminTrial(id);
  usePageTitle('Trial · Admin');

  if (detail.isPending) return <LoadingState label="Loading the trial…" />;
  if (detail.isError) return isNotFound(detail.error) ? <NotFoundPage /> : <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />;
  const { trial, owner } = detail.data;

  return (
    <>
      <header className="page-header">
        <p className="eyebrow">Trial</p>
        <h1 className="break-anywhere">{trial.businessName}</h1>
      </header>
      <section className="card" aria-labelledby="trial-heading">
        <h2 id="trial-heading">Details</h2>
        <Facts
          items={[
            ['Trial id', <Id value={trial.id} />],
            ['Status', trial.status],
            ['Started by', owner ? <Link to={`/admin/users/${owner.id}`}>{owner.email}</Link> : null],
            ['Industry and scenario', `${trial.industry} · ${trial.scenario}`],
            ['Phone', `${formatPhone(trial.phone)}${trial.phoneVerified ? ' (verified)' : ' (not verified)'}`],
            ['Calls', `${trial.callsUsed} of ${trial.callsLimit}`],
            ['Created', <When at={trial.createdAt} />],
            ['Expires', <When at={trial.expiresAt} />],
            ['Latest call', trial.latestCallId ? <Link to={`/admin/calls/${trial.latestCallId}`}>Open the call</Link> : null],
          ]}
        />
      </section>
    </>
  );
}
