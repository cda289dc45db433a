import type { WeeklyReportSettings } from '@beaker/contracts';
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { getWeeklyReportSettings } from '../api/weekly-report-api';

/** Whether the signed-in person gets this business's weekly report. */
export function useWeeklyReportSettings(businessId: string) {
  return useQuery<WeeklyReportSettings>({
    queryKey: queryKeys.businesses.weeklyReportSettings(businessId),
    queryFn: ({ signal }) => getWeeklyReportSettings(businessId, signal),
  });
}
