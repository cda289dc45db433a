import type { Page, WebhookEndpoint } from '@beaker/contracts';
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { listWebhookEndpoints } from '../api/webhooks-api';

export function useWebhookEndpoints(businessId: string) {
  return useQuery<Page<WebhookEndpoint>>({
    queryKey: queryKeys.businesses.webhookEndpoints(businessId),
    queryFn: ({ signal }) => listWebhookEndpoints(businessId, signal),
  });
}
