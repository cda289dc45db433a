import { useInfiniteQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { listApiKeys } from '../api/settings-api';

/** The business's API keys, newest first, revoked ones included. */
export function useApiKeys(businessId: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.businesses.apiKeys(businessId),
    queryFn: ({ pageParam, signal }) => listApiKeys(businessId, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}
