import { isTerminalCallStatus, type Lead } from '@beaker/contracts';
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { getLead } from '../api/leads-api';

const BUSY_POLL_MS = 1_500;
const IDLE_POLL_MS = 30_000;

/** Whether the lead is about to change by itself: a call about to be placed, or one in progress. */
export function isLeadInMotion(lead: Lead): boolean {
  if (lead.status === 'calling') return true;
  if (lead.status === 'new' && lead.statusReason !== 'auto_call.off') return true;
  return lead.calls.some((call) => !isTerminalCallStatus(call.status));
}

/** A lead with its calls and timeline: every 1.5 s while it is new or being called, so its status moves on screen. */
export function useLead(leadId: string) {
  return useQuery<Lead>({
    queryKey: queryKeys.leads.detail(leadId),
    queryFn: ({ signal }) => getLead(leadId, signal),
    refetchInterval: (query) => (query.state.data && !isLeadInMotion(query.state.data) ? IDLE_POLL_MS : BUSY_POLL_MS),
  });
}
