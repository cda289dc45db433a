import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { cancelSandboxSubscription } from '../api/billing-api';

export function useCancelSandboxSubscription(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => cancelSandboxSubscription(customerId),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.billing.sandboxPortal(customerId) }),
  });
}
