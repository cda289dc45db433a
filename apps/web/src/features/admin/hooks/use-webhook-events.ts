import type { Page, WebhookEventSummary } from '@beaker/contracts';
import { useInfiniteQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { fetchWebhookEvents, type WebhookEventFilters } from '../api/admin-api';

export function useWebhookEvents(filters: WebhookEventFilters) {
  return useInfiniteQuery<Page<WebhookEventSummary>>({
    queryKey: queryKeys.admin.webhookEvents({ ...filters }),
    queryFn: ({ pageParam, signal }) => fetchWebhookEvents(filters, (pageParam as string | null) ?? undefined, signal),
    initialPageParam: null,
    getNextPageParam: (last) => last.nextCursor,
  });
}
