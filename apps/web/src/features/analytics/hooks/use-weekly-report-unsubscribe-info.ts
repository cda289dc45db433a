import type { WeeklyReportUnsubscribeInfo } from '@beaker/contracts';
import { useQuery } from '@tanstack/react-query';
import { getWeeklyReportUnsubscribe } from '../api/weekly-report-api';

/** What an unsubscribe link would stop (reading it changes nothing). */
export function useWeeklyReportUnsubscribeInfo(token: string | null) {
  return useQuery<WeeklyReportUnsubscribeInfo>({
    queryKey: ['weekly-report-unsubscribe', token],
    queryFn: ({ signal }) => getWeeklyReportUnsubscribe(token!, signal),
    enabled: token !== null,
    retry: false,
  });
}
