import type { SandboxCheckoutSessionView } from '@beaker/contracts';
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { getSandboxCheckout } from '../api/billing-api';

export function useSandboxCheckout(sessionId: string) {
  return useQuery<SandboxCheckoutSessionView>({
    queryKey: queryKeys.billing.sandboxCheckout(sessionId),
    queryFn: ({ signal }) => getSandboxCheckout(sessionId, signal),
  });
}
