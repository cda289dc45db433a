import type { CheckoutSessionCreateRequest } from '@beaker/contracts';
import { useMutation } from '@tanstack/react-query';
import { createCheckoutSession } from '../api/billing-api';

/** Opens a checkout for a plan; the caller sends the browser to the returned url. */
export function useCreateCheckoutSession() {
  return useMutation({ mutationFn: (request: CheckoutSessionCreateRequest) => createCheckoutSession(request) });
}
