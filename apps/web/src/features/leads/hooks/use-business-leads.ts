import type { LeadListQuery, LeadSummary, Page } from '@beaker/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { listBusinessLeads } from '../api/leads-api';

export type LeadFilters = Pick<LeadListQuery, 'status' | 'from' | 'to'>;

const REFRESH_MS = 5_000;

/** The leads list, page by page ("Load more"); refreshed every 5 s so new leads and their statuses move on screen. */
export function useBusinessLeads(businessId: string, filters: LeadFilters) {
  return useInfiniteQuery<Page<LeadSummary>>({
    queryKey: queryKeys.businesses.leads(businessId, { ...filters }),
    queryFn: ({ pageParam, signal }) => listBusinessLeads(businessId, { ...filters, cursor: (pageParam as string | null) ?? undefined }, signal),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: REFRESH_MS,
  });
}
