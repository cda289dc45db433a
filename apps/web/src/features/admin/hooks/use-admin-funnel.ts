import type { AdminFunnelReport, FunnelGroupBy } from '@beaker/contracts';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { fetchFunnel } from '../api/admin-api';

/** The trial funnel by week of signup or by industry; the previous range stays on screen while the next loads. */
export function useAdminFunnel(query: { from: string; to: string; groupBy: FunnelGroupBy }) {
  return useQuery<AdminFunnelReport>({
    queryKey: queryKeys.admin.funnel({ ...query }),
    queryFn: ({ signal }) => fetchFunnel(query, signal),
    placeholderData: keepPreviousData,
  });
}
