import type { CheckoutSessionStatus } from '@beaker/contracts';
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { getCheckoutStatus } from '../api/billing-api';

const POLL_MS = 1_000;

/** Whether a paid checkout has become a business yet: asked every second until it has. */
export function useCheckoutStatus(sessionId: string) {
  return useQuery<CheckoutSessionStatus>({
    queryKey: queryKeys.billing.checkout(sessionId),
    queryFn: ({ signal }) => getCheckoutStatus(sessionId, signal),
    enabled: sessionId.length > 0,
    refetchInterval: (query) => (query.state.data?.status === 'complete' ? false : POLL_MS),
  });
}
