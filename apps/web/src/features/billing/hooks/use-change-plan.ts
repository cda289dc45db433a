import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { PlanChangeRequest } from '@beaker/contracts';
import { queryKeys } from '../../../lib/query-keys';
import { changePlan } from '../api/billing-api';

/** Applies a previewed plan change; the business's plan follows once Stripe's event is processed, so the overview is read again shortly after. */
export function useChangePlan(businessId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: PlanChangeRequest) => changePlan(businessId, body),
    onSuccess: () => {
      const refresh = () => void queryClient.invalidateQueries({ queryKey: queryKeys.businesses.overview(businessId) });
      refresh();
      setTimeout(refresh, 1500);
    },
  });
}
