import type { DncEntry, DncStatusFilter, Page } from '@beaker/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { fetchDncEntries } from '../api/admin-api';

export function useDncEntries(status: DncStatusFilter) {
  return useInfiniteQuery<Page<DncEntry>>({
    queryKey: queryKeys.admin.dnc(status),
    queryFn: ({ pageParam, signal }) => fetchDncEntries(status, (pageParam as string | null) ?? undefined, signal),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
