import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { resumeSandboxSubscription } from '../api/billing-api';

export function useResumeSandboxSubscription(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => resumeSandboxSubscription(customerId),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.billing.sandboxPortal(customerId) }),
  });
}
