import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { SetPlanOverrideRequest } from '@beaker/contracts';
import { queryKeys } from '../../../lib/query-keys';
import { removePlanOverride, setPlanOverride } from '../api/admin-api';

export type PlanOverrideAction = ({ action: 'set' } & SetPlanOverrideRequest) | { action: 'remove'; reason: string };

/** Set or remove a business's plan override, with a reason; the business's page and the audit log are read again after. */
export function usePlanOverride(businessId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (input: PlanOverrideAction) =>
      input.action === 'set'
        ? setPlanOverride(businessId, { callsIncluded: input.callsIncluded, reason: input.reason, ...(input.until ? { until: input.until } : {}) })
        : removePlanOverride(businessId, input.reason),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.admin.business(businessId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.admin.auditAll });
    },
  });
}
