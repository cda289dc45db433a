import { useMutation } from '@tanstack/react-query';
import { paySandboxCheckout } from '../api/billing-api';

/** "Pay" on the sandbox checkout page: Stripe's events go to our webhook, then the success URL follows. */
export function usePaySandboxCheckout() {
  return useMutation({ mutationFn: (sessionId: string) => paySandboxCheckout(sessionId) });
}
