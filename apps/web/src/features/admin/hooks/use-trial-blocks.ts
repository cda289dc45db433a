import type { Page, TrialBlock } from '@beaker/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { fetchTrialBlocks } from '../api/admin-api';

export function useTrialBlocks(status: 'active' | 'all') {
  return useInfiniteQuery<Page<TrialBlock>>({
    queryKey: queryKeys.admin.trialBlocks(status),
    queryFn: ({ pageParam, signal }) => fetchTrialBlocks(status, (pageParam as string | null) ?? undefined, signal),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
