import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { fetchQueueHealth } from '../api/admin-api';

const REFRESH_MS = 10_000;

/** Every job queue's counts (read again every 10 s). */
export function useQueueHealth() {
  return useQuery({ queryKey: queryKeys.admin.queueHealth, queryFn: ({ signal }) => fetchQueueHealth(signal), refetchInterval: REFRESH_MS });
}
