import { useMutation } from '@tanstack/react-query';
import type { Plan } from '@beaker/contracts';
import { previewPlanChange } from '../api/billing-api';

/** Asks Stripe what a plan change costs right now (a fresh proration moment each time). */
export function usePlanChangePreview(businessId: string) {
  return useMutation({ mutationFn: (plan: Plan) => previewPlanChange(businessId, plan) });
}
