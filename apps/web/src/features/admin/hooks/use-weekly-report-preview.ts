import type { WeeklyReportPreview } from '@beaker/contracts';
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { fetchWeeklyReportPreview } from '../api/admin-api';

/** A business's weekly report as it would go out now; fetched only once staff ask for it. */
export function useWeeklyReportPreview(businessId: string, enabled: boolean) {
  return useQuery<WeeklyReportPreview>({
    queryKey: queryKeys.admin.weeklyReportPreview(businessId),
    queryFn: ({ signal }) => fetchWeeklyReportPreview(businessId, signal),
    enabled,
  });
}
