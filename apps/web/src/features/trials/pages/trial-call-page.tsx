import { isTerminalCallStatus } from '@beaker/contracts';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { Link, useParams } from 'react-router-dom';
import { ErrorState } from '../../../app/error-state';
import { LoadingState } from '../../../app/loading-state';
import { NotFoundPage } from '../../../app/not-found-page';
import { isApiError } from '../../../lib/api-error';
import { queryKeys } from '../../../lib/query-keys';
import { usePageTitle } from '../../../lib/use-page-title';
import { CallLiveStatus } from '../../calls/components/call-live-status';
import { CallReportView } from '../../calls/components/call-report-view';
import { useCall } from '../../calls/hooks/use-call';
import { useCallEvents } from '../../calls/hooks/use-call-events';
import { TrialAllowance } from '../components/trial-allowance';
import { useTrial } from '../hooks/use-trial';
import '../components/trials.css';

/** /try/:trialId/calls/:callId: the call live (ringing → talking → ended), then its mini-report. */
export function TrialCallPage() {
  const { trialId = '', callId = '' } = useParams();
  const mode = useCallEvents(callId, true);
  const call = useCall(callId, { poll: mode === 'polling' });
  const trial = useTrial(trialId);
  const queryClient = useQueryClient();
  const ended = call.data ? isTerminalCallStatus(call.data.status) : false;
  usePageTitle(ended ? 'Your call report' : 'Your call');

  useEffect(() => {
    // Calls left change when a call ends (or fails and is given back).
    if (ended) void queryClient.invalidateQueries({ queryKey: queryKeys.trials.detail(trialId) });
  }, [ended, queryClient, trialId]);

  if (call.isPending) return <LoadingState label="Connecting to your call…" />;
  if (call.isError) return isApiError(call.error, 'NOT_FOUND') ? <NotFoundPage /> : <ErrorState error={call.error} onRetry={() => void call.refetch()} />;
  const report = call.data;
  const t = trial.data;
  const callsLeft = t ? t.callsLimit - t.callsUsed : 0;
  const trialOpen = t ? t.status === 'active' || t.status === 'pending' : false;

  return (
    <section className="container container--report page">
      <header className="page-header">
        <p className="eyebrow">{t ? `${t.businessName} · free trial` : 'Free trial'}</p>
        <h1>{ended ? 'Your call report' : 'Your call'}</h1>
      </header>
      <CallLiveStatus call={report} />
      {mode === 'polling' && !ended ? <p className="small muted live-note">Live updates are paused; refreshing every few seconds.</p> : null}

      {ended && report.status === 'completed' ? (
        <>
          <div className="go-live-band">
            <div>
              <h2>Like what you heard?</h2>
              <p>Go live and this agent answers your business line, day and night, and calls your web leads back in seconds.</p>
            </div>
            <Link to={`/go-live?trialId=${encodeURIComponent(trialId)}`} className="btn btn--primary btn--lg">
              Go live
            </Link>
          </div>
          <CallReportView call={report} agentName={t?.assistant?.name ?? 'Agent'} callerName="You" />
        </>
      ) : null}

      {ended ? (
        <div className="card trial-next">
          {t ? <TrialAllowance trial={t} /> : null}
          <div className="button-row">
            {trialOpen && callsLeft > 0 ? (
              <Link to={`/try/${trialId}`} className="btn btn--secondary">
                {report.status === 'completed' ? 'Call me again' : 'Try the call again'}
              </Link>
            ) : null}
            {report.status !== 'completed' ? (
              <Link to={`/go-live?trialId=${encodeURIComponent(trialId)}`} className="btn btn--ghost">
                Go live
              </Link>
            ) : null}
          </div>
        </div>
      ) : null}
    </section>
  );
}
