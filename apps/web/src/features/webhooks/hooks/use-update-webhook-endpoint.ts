import type { WebhookEndpointInput } from '@beaker/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { updateWebhookEndpoint } from '../api/webhooks-api';

/** URL, event types, description, or on/off (turning it off cancels the deliveries waiting for it). */
export function useUpdateWebhookEndpoint(businessId: string, endpointId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: Partial<WebhookEndpointInput>) => updateWebhookEndpoint(businessId, endpointId, input),
    onSuccess: (endpoint) => {
      queryClient.setQueryData(queryKeys.businesses.webhookEndpoint(businessId, endpointId), endpoint);
      void queryClient.invalidateQueries({ queryKey: queryKeys.businesses.webhookEndpoints(businessId), exact: true });
      void queryClient.invalidateQueries({ queryKey: queryKeys.businesses.webhookDeliveries(businessId, endpointId) });
    },
  });
}
