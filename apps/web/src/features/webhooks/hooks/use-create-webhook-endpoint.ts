import type { WebhookEndpointInput } from '@beaker/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { createWebhookEndpoint } from '../api/webhooks-api';

/** The answer carries the signing secret: the caller shows it once and keeps it nowhere else (not in the query cache). */
export function useCreateWebhookEndpoint(businessId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: WebhookEndpointInput) => createWebhookEndpoint(businessId, input),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.businesses.webhookEndpoints(businessId), exact: true }),
  });
}
