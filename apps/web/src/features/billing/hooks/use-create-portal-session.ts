import { useMutation } from '@tanstack/react-query';
import { createPortalSession } from '../api/billing-api';

/** Opens the billing portal (Stripe's, or the sandbox's) for a business; the caller follows the url. */
export function useCreatePortalSession() {
  return useMutation({ mutationFn: (businessId: string) => createPortalSession(businessId) });
}
