import type { LeadStatus } from '@beaker/contracts';
import { LEAD_STATUS_LABELS } from './lead-format';

const TONE: Record<LeadStatus, string> = {
  new: 'badge--neutral',
  calling: 'badge--info',
  called: 'badge--success',
  deferred: 'badge--warning',
  blocked: 'badge--danger',
  failed: 'badge--danger',
};

/** A lead's status: its word always, its colour as a second cue (never the only one). */
export function LeadStatusChip({ status }: { status: LeadStatus }) {
  return (
    <span className={`badge lead-status ${TONE[status]}`} data-status={status} data-testid="lead-status">
      {status === 'calling' ? <span className="lead-status__pulse" aria-hidden="true" /> : null}
      {LEAD_STATUS_LABELS[status]}
    </span>
  );
}
