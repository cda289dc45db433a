import { Link, useParams } from 'react-router-dom';
import { ErrorState } from '../../../app/error-state';
import { LoadingState } from '../../../app/loading-state';
import { NotFoundPage } from '../../../app/not-found-page';
import { isApiError } from '../../../lib/api-error';
import { usePageTitle } from '../../../lib/use-page-title';
import { formatPhone } from '../../calls/components/call-format';
import { useCurrentBusiness } from '../../dashboard/hooks/use-current-business';
import { LeadCallReport } from '../components/lead-call-report';
import { formatPreciseTime, LEAD_SOURCE_LABELS, leadStatusSentence } from '../components/lead-format';
import { LeadStatusChip } from '../components/lead-status-chip';
import { LeadTimeline } from '../components/lead-timeline';
import { isLeadInMotion, useLead } from '../hooks/use-lead';
import '../../calls/components/calls.css';
import '../components/leads.css';

const URGENCY: Record<string, string> = { high: 'Urgent', medium: 'Soon', low: 'No rush' };

/** A custom field's key as a label ("what_do_you_need" → "What do you need"): the lead keeps keys, not the form's labels. */
const fieldLabel = (key: string) => {
  const words = key.replaceAll('_', ' ');
  return words.charAt(0).toUpperCase() + words.slice(1);
};

/** /app/businesses/:id/leads/:leadId: status in words, who and what, the timeline, each call's report; live while it moves. */
export function LeadDetailPage() {
  const business = useCurrentBusiness();
  const { leadId = '' } = useParams();
  const lead = useLead(leadId);
  const who = lead.data ? (lead.data.name ?? formatPhone(lead.data.phone)) : 'Lead';
  usePageTitle(`${who} · Leads · ${business.name}`);

  if (lead.isPending) return <LoadingState label="Loading the lead…" />;
  if (lead.isError) return isApiError(lead.error, 'NOT_FOUND') ? <NotFoundPage /> : <ErrorState error={lead.error} onRetry={() => void lead.refetch()} />;
  const l = lead.data;
  if (l.businessId !== business.id) return <NotFoundPage />;
  const base = `/app/businesses/${business.id}`;
  const customFields = Object.entries(l.fields);
  const calls = [...l.calls].sort((a, b) => b.attempt - a.attempt);

  return (
    <>
      <p>
        <Link to={`${base}/leads`}>← All leads</Link>
      </p>
      <header className="page-header">
        <h1>{who}</h1>
        <p className="lead">
          {LEAD_SOURCE_LABELS[l.source]}
          {l.sourceDetail ? ` (${l.sourceDetail})` : ''} · {formatPreciseTime(l.createdAt)}
        </p>
      </header>

      <section className="card lead-status-card" aria-labelledby="status-heading" aria-live="polite" aria-busy={isLeadInMotion(l)}>
        <h2 id="status-heading" className="visually-hidden">
          Status
        </h2>
        <p className="lead-status-card__line">
          <LeadStatusChip status={l.status} />
          <span data-testid="lead-status-sentence">{leadStatusSentence(l)}</span>
        </p>
        {l.nextAttemptAt ? (
          <p className="muted small">
            Next attempt: <time dateTime={l.nextAttemptAt}>{formatPreciseTime(l.nextAttemptAt)}</time> (your time). Compliance is checked again then.
          </p>
        ) : null}
        <p className="small">
          <Link to={`${base}/leads/${l.id}/consent`}>Consent certificate</Link>
          <span className="muted"> — the evidence of consent and every decision, ready to print</span>
        </p>
      </section>

      <div className="grid grid--2">
        <section className="card" aria-labelledby="contact-heading">
          <h2 id="contact-heading">What they sent</h2>
          <dl className="facts">
            <div className="facts__row">
              <dt>Phone</dt>
              <dd>
                <a href={`tel:${l.phone}`}>{formatPhone(l.phone)}</a>
              </dd>
            </div>
            {l.name ? (
              <div className="facts__row">
                <dt>Name</dt>
                <dd>{l.name}</dd>
              </div>
            ) : null}
            {l.email ? (
              <div className="facts__row">
                <dt>Email</dt>
                <dd className="break-anywhere">
                  <a href={`mailto:${l.email}`}>{l.email}</a>
                </dd>
              </div>
            ) : null}
            {customFields.map(([key, value]) => (
              <div className="facts__row" key={key}>
                <dt>{fieldLabel(key)}</dt>
                <dd>{typeof value === 'boolean' ? (value ? 'Yes' : 'No') : value}</dd>
              </div>
            ))}
            {l.formId ? (
              <div className="facts__row">
                <dt>Form</dt>
                <dd>
                  <Link to={`${base}/forms/${l.formId}`}>Open the form</Link>
                </dd>
              </div>
            ) : null}
            <div className="facts__row">
              <dt>Call attempts</dt>
              <dd>{l.attempts}</dd>
            </div>
          </dl>
          {l.message ? <blockquote className="lead-message">{l.message}</blockquote> : null}
        </section>

        <section className="card" aria-labelledby="learned-heading">
          <h2 id="learned-heading">What the agent learned</h2>
          {l.extracted ? (
            <dl className="facts">
              <div className="facts__row">
                <dt>Name</dt>
                <dd>{l.extracted.name ?? '—'}</dd>
              </div>
              <div className="facts__row">
                <dt>Wants</dt>
                <dd>{l.extracted.intent ?? '—'}</dd>
              </div>
              <div className="facts__row">
                <dt>Urgency</dt>
                <dd>{l.extracted.urgency ? (URGENCY[l.extracted.urgency] ?? l.extracted.urgency) : '—'}</dd>
              </div>
            </dl>
          ) : (
            <p className="muted">Nothing yet: this shows what they said once the agent has spoken with them.</p>
          )}
        </section>
      </div>

      <section className="card" aria-labelledby="timeline-heading">
        <h2 id="timeline-heading">Timeline</h2>
        <LeadTimeline lead={l} />
      </section>

      {calls.length > 0 ? (
        calls.map((call) => <LeadCallReport key={call.callId} call={call} leadName={l.name ?? 'Lead'} />)
      ) : (
        <section className="card" aria-labelledby="calls-heading">
          <h2 id="calls-heading">Calls</h2>
          <p className="muted">{l.source === 'inbound_call' ? 'This lead called your number: the call is in Calls.' : 'No call yet.'}</p>
        </section>
      )}
    </>
  );
}
