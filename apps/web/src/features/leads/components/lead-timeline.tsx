import type { Lead, LeadTimelineEntry } from '@beaker/contracts';
import type { ReactNode } from 'react';
import { STATUS_LABELS } from '../../dashboard/components/dashboard-format';
import { formatAttemptTime, formatPreciseTime, LEAD_SOURCE_LABELS, LEAD_STATUS_LABELS, reasonSentence } from './lead-format';

const METHOD_LABELS: Record<string, string> = { web_form: 'web form', api: 'the API', verbal_trial: 'said on a call' };

/** One line of the timeline: what happened, in words, and its details. */
export function timelineEntryView(entry: LeadTimelineEntry): { kind: string; title: string; details: ReactNode[] } {
  switch (entry.kind) {
    case 'submission':
      return {
        kind: 'submission',
        title:
          entry.source === 'form'
            ? 'Submitted the web form'
            : entry.source === 'api'
              ? 'Pushed through the API'
              : `Came in by ${LEAD_SOURCE_LABELS[entry.source].toLowerCase()}`,
        details: entry.pageUrl ? [<span key="page" className="break-anywhere">On {entry.pageUrl}</span>] : [],
      };
    case 'consent':
      return {
        kind: 'consent',
        title: `Consent recorded (${METHOD_LABELS[entry.method] ?? entry.method}${entry.version ? `, text version ${entry.version}` : ''})`,
        details: [],
      };
    case 'decision': {
      const title =
        entry.decision === 'allow'
          ? 'Compliance check: allowed to call'
          : entry.decision === 'defer'
            ? `Compliance check: not now${entry.nextAllowedAt ? `, next allowed ${formatAttemptTime(entry.nextAllowedAt)}` : ''}`
            : 'Compliance check: never call';
      return {
        kind: `decision decision--${entry.decision}`,
        title,
        details: entry.reasons.map((r) => (
          <span key={r.rule}>
            {reasonSentence(r.rule)} <span className="muted">({r.detail})</span>
          </span>
        )),
      };
    }
    case 'call':
      return {
        kind: 'call',
        title: `Call attempt ${entry.attempt}: ${STATUS_LABELS[entry.status]}`,
        details: [
          ...(entry.endedReason && entry.endedReason !== 'customer-ended-call' ? [<span key="reason">{reasonSentence(entry.endedReason)}</span>] : []),
          <a key="report" href={`#call-${entry.callId}`}>
            See the call
          </a>,
        ],
      };
    case 'status':
      return {
        kind: `status status--${entry.status}`,
        title: `Status: ${LEAD_STATUS_LABELS[entry.status]}`,
        details: entry.reason ? [<span key="reason">{reasonSentence(entry.reason)}</span>] : [],
      };
    case 'notified':
      return {
        kind: 'notified',
        title: entry.recipients === 0 ? 'No one to email about this lead' : `Emailed ${entry.recipients === 1 ? '1 person' : `${entry.recipients} people`} about this lead`,
        details: [],
      };
  }
}

/** Everything that happened to the lead, oldest first: submissions, consent, each decision and its reasons, calls, statuses, emails. */
export function LeadTimeline({ lead }: { lead: Lead }) {
  if (lead.timeline.length === 0) return <p className="muted">Nothing has happened yet.</p>;
  return (
    <ol className="timeline" aria-label="Timeline" data-testid="lead-timeline">
      {lead.timeline.map((entry, i) => {
        const view = timelineEntryView(entry);
        return (
          <li key={`${entry.at}-${entry.kind}-${i}`} className={`timeline__item timeline__item--${view.kind.split(' ')[0]}`}>
            <time className="timeline__time" dateTime={entry.at}>
              {formatPreciseTime(entry.at)}
            </time>
            <p className="timeline__title">{view.title}</p>
            {view.details.length > 0 ? (
              <ul className="timeline__details">
                {view.details.map((detail, j) => (
                  <li key={j}>{detail}</li>
                ))}
              </ul>
            ) : null}
          </li>
        );
      })}
    </ol>
  );
}
