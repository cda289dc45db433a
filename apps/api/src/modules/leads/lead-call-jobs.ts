/**
 * The id of the job that makes attempt `attempt` of a lead: one per attempt, and per deferral
 * (a deferred attempt's re-check is a job of its own, named after the decision that deferred it).
 * The same id twice is the same job: the sweeper and a late enqueue never make a second one.
 */
export function leadCallJobId(leadId: string, attempt: number, deferredByDecisionId: string | null): string {
  return `lead-call-${leadId}-${attempt}-${deferredByDecisionId ?? 'due'}`;
}
