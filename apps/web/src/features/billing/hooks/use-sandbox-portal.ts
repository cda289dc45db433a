import type { SandboxPortalView } from '@beaker/contracts';
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { getSandboxPortal } from '../api/billing-api';

export function useSandboxPortal(customerId: string) {
  return useQuery<SandboxPortalView>({
    queryKey: queryKeys.billing.sandboxPortal(customerId),
    queryFn: ({ signal }) => getSandboxPortal(customerId, signal),
  });
}
