import type { WebhookDeliveryAttempt } from '@beaker/contracts';
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { listWebhookDeliveries } from '../api/webhooks-api';

/** The newest attempt to an endpoint (null: nothing sent yet), for the endpoints list. */
export function useLastWebhookDelivery(businessId: string, endpointId: string) {
  return useQuery<WebhookDeliveryAttempt | null>({
    queryKey: queryKeys.businesses.webhookLastDelivery(businessId, endpointId),
    queryFn: async ({ signal }) => (await listWebhookDeliveries(businessId, endpointId, { limit: 1 }, signal)).items[0] ?? null,
  });
}
