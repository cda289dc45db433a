import type { CallReport } from '@beaker/contracts';
import { useId } from 'react';
import './calls.css';
import { formatDuration, formatUsd, providerLabel } from './call-format';
import { LeadCard } from './lead-card';
import { TranscriptView } from './transcript-view';

/**
 * The report of an ended call: summary, the lead captured, the recording, the conversation, and
 * what it took (duration, cost). Used by the trial's mini-report and the business dashboard.
 */
export function CallReportView({
  call,
  agentName,
  callerName,
  headingLevel = 2,
}: {
  call: CallReport;
  agentName?: string;
  callerName?: string;
  /** 3 where the report sits under a heading of its own (a lead's calls), so several fit on one page. */
  headingLevel?: 2 | 3;
}) {
  const id = useId();
  const H = `h${headingLevel}` as const;
  const costs = Object.entries(call.cost.byProvider).filter(([, amount]) => amount > 0);
  return (
    <div className="call-report">
      <section className="card call-report__summary" aria-labelledby={`${id}-summary`}>
        <H id={`${id}-summary`}>Summary</H>
        <p>{call.summary ?? 'No summary for this call.'}</p>
      </section>

      <section className="card" aria-labelledby={`${id}-lead`}>
        <H id={`${id}-lead`}>Lead captured</H>
        <LeadCard lead={call.lead} />
      </section>

      <section className="card" aria-labelledby={`${id}-details`}>
        <H id={`${id}-details`}>Call details</H>
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

      <section className="card call-report__recording" aria-labelledby={`${id}-recording`}>
        <H id={`${id}-recording`}>Recording</H>
        {call.recordingUrl ? (
          <audio className="call-report__audio" controls preload="metadata" src={call.recordingUrl} aria-labelledby={`${id}-recording`}>
            <a href={call.recordingUrl}>Download the recording</a>
          </audio>
        ) : (
          <p className="muted">There is no recording of this call.</p>
        )}
      </section>

      <section className="card call-report__transcript" aria-labelledby={`${id}-transcript`}>
        <H id={`${id}-transcript`}>Transcript</H>
        <TranscriptView turns={call.transcript} agentName={agentName} callerName={callerName} />
      </section>
    </div>
  );
}
