import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { fetchCallWebhookEvents } from '../api/admin-api';

/** The provider webhook events about a call. */
export function useCallWebhookEvents(id: string) {
  return useQuery({ queryKey: queryKeys.admin.callWebhookEvents(id), queryFn: ({ signal }) => fetchCallWebhookEvents(id, signal) });
}
