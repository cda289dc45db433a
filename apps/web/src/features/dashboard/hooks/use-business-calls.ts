import type { BusinessCallsQuery, BusinessCallSummary, Page } from '@beaker/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { listBusinessCalls } from '../api/dashboard-api';

export type CallFilters = Pick<BusinessCallsQuery, 'direction' | 'status' | 'from' | 'to'>;

const REFRESH_MS = 10_000;

/** The calls list, page by page ("Load more"); the first page refreshes every 10 s so new calls appear. */
export function useBusinessCalls(businessId: string, filters: CallFilters, options: { limit?: number } = {}) {
  return useInfiniteQuery<Page<BusinessCallSummary>>({
    queryKey: queryKeys.businesses.calls(businessId, { ...filters, limit: options.limit ? String(options.limit) : undefined }),
    queryFn: ({ pageParam, signal }) =>
      listBusinessCalls(businessId, { ...filters, limit: options.limit, cursor: (pageParam as string | null) ?? undefined }, signal),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: REFRESH_MS,
  });
}
