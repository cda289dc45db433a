import { useMutation } from '@tanstack/react-query';
import { postWeeklyReportUnsubscribe } from '../api/weekly-report-api';

export function useWeeklyReportUnsubscribe() {
  return useMutation({ mutationFn: (token: string) => postWeeklyReportUnsubscribe(token) });
}
