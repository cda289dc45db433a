import type { CallReport } from '@beaker/contracts';
import './calls.css';
import { formatDuration, formatUsd, providerLabel } from './call-format';
import { LeadCard } from './lead-card';
import { TranscriptView } from './transcript-view';

/**
 * The report of an ended call: summary, the lead captured, the recording, the conversation, and
 * what it took (duration, cost). Used by the trial's mini-report and the business dashboard.
 */
export function CallReportView({ call, agentName, callerName }: { call: CallReport; agentName?: string; callerName?: string }) {
  const costs = Object.entries(call.cost.byProvider).filter(([, amount]) => amount > 0);
  return (
    <div className="call-report">
      <section className="card call-report__summary" aria-labelledby="summary-heading">
        <h2 id="summary-heading">Summary</h2>
        <p>{call.summary ?? 'No summary for this call.'}</p>
      </section>

      <section className="card" aria-labelledby="lead-heading">
        <h2 id="lead-heading">Lead captured</h2>
        <LeadCard lead={call.lead} />
      </section>

      <section className="card" aria-labelledby="details-heading">
        <h2 id="details-heading">Call details</h2>
        <dl className="facts">
          <div className="facts__row">
            <dt>Duration</dt>
            <dd>{call.durationSeconds !== null ? formatDuration(call.durationSeconds) : '—'}</dd>
          </div>
          <div className="facts__row">
            <dt>Cost</dt>
            <dd>{call.cost.total !== null ? formatUsd(call.cost.total) : '—'}</dd>
          </div>
          {costs.map(([provider, amount]) => (
            <div key={provider} className="facts__row facts__row--sub">
              <dt>{providerLabel(provider)}</dt>
              <dd>{formatUsd(amount)}</dd>
            </div>
          ))}
        </dl>
      </section>

      <section className="card call-report__recording" aria-labelledby="recording-heading">
        <h2 id="recording-heading">Recording</h2>
        {call.recordingUrl ? (
          <audio className="call-report__audio" controls preload="metadata" src={call.recordingUrl} aria-labelledby="recording-heading">
            <a href={call.recordingUrl}>Download the recording</a>
          </audio>
        ) : (
          <p className="muted">There is no recording of this call.</p>
        )}
      </section>

      <section className="card call-report__transcript" aria-labelledby="transcript-heading">
        <h2 id="transcript-heading">Transcript</h2>
        <TranscriptView turns={call.transcript} agentName={agentName} callerName={callerName} />
      </section>
    </div>
  );
}
