import type { WeeklyReportSettings } from '@beaker/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { putWeeklyReportSettings } from '../api/weekly-report-api';

export function useUpdateWeeklyReportSettings(businessId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: WeeklyReportSettings) => putWeeklyReportSettings(businessId, settings),
    onSuccess: (settings) => queryClient.setQueryData(queryKeys.businesses.weeklyReportSettings(businessId), settings),
  });
}
