import type { LeadCounts } from '@beaker/contracts';
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { getLeadCounts } from '../api/leads-api';

/** Leads created since `from` (ISO), by status: fresh each time the overview opens, then every 30 s. */
export function useLeadCounts(businessId: string, from: string) {
  return useQuery<LeadCounts>({
    queryKey: queryKeys.businesses.leadCounts(businessId, from),
    queryFn: ({ signal }) => getLeadCounts(businessId, from, signal),
    staleTime: 0,
    refetchInterval: 30_000,
  });
}
