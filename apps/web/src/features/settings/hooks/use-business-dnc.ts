import type { DncStatusFilter } from '@beaker/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { listDncEntries } from '../api/settings-api';

/** The business's do-not-call list, newest first, a page at a time. */
export function useBusinessDnc(businessId: string, status: DncStatusFilter) {
  return useInfiniteQuery({
    queryKey: queryKeys.businesses.dnc(businessId, status),
    queryFn: ({ pageParam, signal }) => listDncEntries(businessId, status, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}
