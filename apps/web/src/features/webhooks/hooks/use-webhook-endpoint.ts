import type { WebhookEndpoint } from '@beaker/contracts';
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { getWebhookEndpoint } from '../api/webhooks-api';

export function useWebhookEndpoint(businessId: string, endpointId: string) {
  return useQuery<WebhookEndpoint>({
    queryKey: queryKeys.businesses.webhookEndpoint(businessId, endpointId),
    queryFn: ({ signal }) => getWebhookEndpoint(businessId, endpointId, signal),
  });
}
