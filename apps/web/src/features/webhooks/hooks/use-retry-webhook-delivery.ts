import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { retryWebhookDelivery } from '../api/webhooks-api';

/** A replay: one more attempt of a delivery now, whatever its state. */
export function useRetryWebhookDelivery(businessId: string, endpointId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (deliveryId: string) => retryWebhookDelivery(businessId, endpointId, deliveryId),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.businesses.webhookDeliveries(businessId, endpointId) }),
  });
}
