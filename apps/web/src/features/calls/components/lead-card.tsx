import type { CallLeadView } from '@beaker/contracts';
import { formatPhone } from './call-format';

const URGENCY: Record<string, string> = { high: 'Urgent', medium: 'Soon', low: 'No rush' };

/** The lead the agent captured, as the business would receive it. */
export function LeadCard({ lead }: { lead: CallLeadView | null }) {
  if (!lead || Object.values(lead).every((v) => v === null)) {
    return <p className="muted">The agent did not capture contact details on this call.</p>;
  }
  const rows: [string, string | null][] = [
    ['Name', lead.name],
    ['Phone', lead.phone ? formatPhone(lead.phone) : null],
    ['Email', lead.email],
    ['Wants', lead.intent],
  ];
  return (
    <div className="lead-card">
      {lead.urgency ? (
        <p className={`urgency urgency--${lead.urgency in URGENCY ? lead.urgency : 'other'}`}>
          <span className="visually-hidden">Urgency: </span>
          {URGENCY[lead.urgency] ?? lead.urgency}
        </p>
      ) : null}
      <dl className="facts">
        {rows.map(([label, value]) =>
          value ? (
            <div key={label} className="facts__row">
              <dt>{label}</dt>
              <dd className="break-anywhere">{value}</dd>
            </div>
          ) : null,
        )}
      </dl>
    </div>
  );
}
