import type { AdminSearchHit, Page } from '@beaker/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { searchEverything } from '../api/admin-api';

/** One search over everything, best match first, page by page; nothing is asked for an empty query. */
export function useAdminSearch(q: string) {
  return useInfiniteQuery<Page<AdminSearchHit>>({
    queryKey: queryKeys.admin.search(q),
    queryFn: ({ pageParam, signal }) => searchEverything(q, (pageParam as string | null) ?? undefined, signal),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
    enabled: q.length > 0,
  });
}
