import { useInfiniteQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { listConsents } from '../api/settings-api';

/** The consent ledger (grants and revocations), newest first; `phone` (E.164) narrows it to one number. */
export function useConsents(businessId: string, phone: string) {
  return useInfiniteQuery({
    queryKey: queryKeys.businesses.consents(businessId, phone),
    queryFn: ({ pageParam, signal }) => listConsents(businessId, phone || undefined, pageParam, signal),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (page) => page.nextCursor ?? undefined,
  });
}
