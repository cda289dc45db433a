import { useInfiniteQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { fetchCosts, type CostQuery, type CostReport } from '../api/admin-api';

/** A cost report (per provider per day, or margin per business), page by page with the API's cursor. */
export function useAdminCosts(query: CostQuery) {
  return useInfiniteQuery<CostReport>({
    queryKey: queryKeys.admin.costs({ ...query }),
    queryFn: ({ pageParam, signal }) => fetchCosts(query, (pageParam as string | null) ?? undefined, signal),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
