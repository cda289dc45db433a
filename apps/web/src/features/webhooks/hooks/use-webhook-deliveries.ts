import type { Page, WebhookDeliveryAttempt } from '@beaker/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { listWebhookDeliveries } from '../api/webhooks-api';

const REFRESH_MS = 5_000;

/** The delivery log, page by page ("Load more"); refreshed every 5 s so a test event or a retry shows up on its own. */
export function useWebhookDeliveries(businessId: string, endpointId: string) {
  return useInfiniteQuery<Page<WebhookDeliveryAttempt>>({
    queryKey: queryKeys.businesses.webhookDeliveries(businessId, endpointId),
    queryFn: ({ pageParam, signal }) => listWebhookDeliveries(businessId, endpointId, { cursor: (pageParam as string | null) ?? undefined }, signal),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
    refetchInterval: REFRESH_MS,
  });
}
