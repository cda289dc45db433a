import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { fetchWebhookHealth } from '../api/admin-api';

const REFRESH_MS = 10_000;

/** Provider webhooks' backlog and failures (read again every 10 s). */
export function useWebhookHealth() {
  return useQuery({ queryKey: queryKeys.admin.webhookHealth, queryFn: ({ signal }) => fetchWebhookHealth(signal), refetchInterval: REFRESH_MS });
}
