import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { deleteWebhookEndpoint } from '../api/webhooks-api';

export function useDeleteWebhookEndpoint(businessId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (endpointId: string) => deleteWebhookEndpoint(businessId, endpointId),
    onSuccess: (_done, endpointId) => {
      queryClient.removeQueries({ queryKey: queryKeys.businesses.webhookEndpoint(businessId, endpointId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.businesses.webhookEndpoints(businessId), exact: true });
    },
  });
}
