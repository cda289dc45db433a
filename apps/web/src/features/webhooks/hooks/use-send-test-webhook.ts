import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { sendTestWebhook } from '../api/webhooks-api';

/** "Send a test event": a `webhook.test` to this endpoint only; its attempts land in the delivery log. */
export function useSendTestWebhook(businessId: string, endpointId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => sendTestWebhook(businessId, endpointId),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.businesses.webhookDeliveries(businessId, endpointId) }),
  });
}
