import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { fetchWebhookEvent } from '../api/admin-api';

export function useWebhookEvent(id: string) {
  return useQuery({ queryKey: queryKeys.admin.webhookEvent(id), queryFn: ({ signal }) => fetchWebhookEvent(id, signal) });
}
