import type { AbuseEventView, Page } from '@beaker/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { fetchAbuseEvents } from '../api/admin-api';

/** Refused and stopped trial actions, newest first. */
export function useAbuseEvents() {
  return useInfiniteQuery<Page<AbuseEventView>>({
    queryKey: queryKeys.admin.abuseEvents,
    queryFn: ({ pageParam, signal }) => fetchAbuseEvents((pageParam as string | null) ?? undefined, signal),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
