import { isTerminalCallStatus, type LeadCallView } from '@beaker/contracts';
import { isApiError } from '../../../lib/api-error';
import { CallReportView } from '../../calls/components/call-report-view';
import { useCall } from '../../calls/hooks/use-call';
import { STATUS_LABELS } from '../../dashboard/components/dashboard-format';
import { formatPreciseTime, reasonSentence } from './lead-format';

/** One attempt to call the lead, and its report (GET /v1/calls/:id) once the call has ended; refreshed until then. */
export function LeadCallReport({ call, leadName }: { call: LeadCallView; leadName: string }) {
  const report = useCall(call.callId, { poll: true });
  const headingId = `call-${call.callId}-heading`;
  const status = report.data?.status ?? call.status;
  return (
    <section className="lead-call" id={`call-${call.callId}`} aria-labelledby={headingId} tabIndex={-1}>
      <h2 id={headingId}>
        Call attempt {call.attempt} · {STATUS_LABELS[status]}
      </h2>
      <p className="muted small">Placed {formatPreciseTime(call.createdAt)}</p>
      {report.isPending ? (
        <p className="muted">Loading the call…</p>
      ) : report.isError ? (
        <p className="alert alert--error">{isApiError(report.error) ? (report.error.detail ?? report.error.title) : "We couldn't load this call."}</p>
      ) : !isTerminalCallStatus(report.data.status) ? (
        <div className="card" role="status">
          <p className="alert__title">{STATUS_LABELS[report.data.status]}</p>
          <p className="muted">The agent is calling {leadName}. The transcript, recording and summary appear here when the call ends.</p>
        </div>
      ) : report.data.status === 'completed' ? (
        <CallReportView call={report.data} agentName="Assistant" callerName={leadName} headingLevel={3} />
      ) : (
        <div className="card">
          <p>{report.data.endedReason ? reasonSentence(report.data.endedReason) : 'The call did not connect.'}</p>
        </div>
      )}
    </section>
  );
}
