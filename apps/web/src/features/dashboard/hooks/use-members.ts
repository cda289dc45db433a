import { useInfiniteQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { listMembers } from '../api/dashboard-api';

/** The team, a page at a time (owners first); `fetchNextPage` reads the next one. */
export function useMembers(businessId: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.businesses.members(businessId),
    queryFn: ({ pageParam, signal }) => listMembers(businessId, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}
