import type { Plan } from '@beaker/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { changeSandboxPlan } from '../api/billing-api';

export function useChangeSandboxPlan(customerId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (plan: Plan) => changeSandboxPlan(customerId, plan),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.billing.sandboxPortal(customerId) }),
  });
}
