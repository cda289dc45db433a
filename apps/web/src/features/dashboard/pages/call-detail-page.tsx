import { isTerminalCallStatus } from '@beaker/contracts';
import { Link, useParams } from 'react-router-dom';
import { ErrorState } from '../../../app/error-state';
import { LoadingState } from '../../../app/loading-state';
import { NotFoundPage } from '../../../app/not-found-page';
import { isApiError } from '../../../lib/api-error';
import { usePageTitle } from '../../../lib/use-page-title';
import { formatPhone } from '../../calls/components/call-format';
import { CallReportView } from '../../calls/components/call-report-view';
import { useCall } from '../../calls/hooks/use-call';
import { DIRECTION_LABELS, formatDateTime, STATUS_LABELS } from '../components/dashboard-format';
import { useCurrentBusiness } from '../hooks/use-current-business';

/** One call's report, the same view as the trial's mini-report; refreshed until the call has ended. */
export function CallDetailPage() {
  const business = useCurrentBusiness();
  const { callId = '' } = useParams();
  const call = useCall(callId, { poll: true });
  usePageTitle(`Call · ${business.name}`);

  if (call.isPending) return <LoadingState label="Loading the call…" />;
  if (call.isError) return isApiError(call.error, 'NOT_FOUND') ? <NotFoundPage /> : <ErrorState error={call.error} onRetry={() => void call.refetch()} />;
  const report = call.data;
  const ended = isTerminalCallStatus(report.status);

  return (
    <>
      <p>
        <Link to={`/app/businesses/${business.id}/calls`}>← All calls</Link>
      </p>
      <header className="page-header">
        <h1>{report.direction === 'inbound' ? 'Incoming call' : DIRECTION_LABELS[report.direction]}</h1>
        <p className="lead">
          {formatDateTime(report.createdAt)} · to {formatPhone(report.to)}
        </p>
      </header>
      {ended ? (
        <CallReportView call={report} agentName="Assistant" callerName="Caller" />
      ) : (
        <div className="card" role="status">
          <p className="alert__title">{STATUS_LABELS[report.status]}</p>
          <p className="muted">This call has not ended yet. Its transcript, recording and lead appear here when it does.</p>
        </div>
      )}
    </>
  );
}
