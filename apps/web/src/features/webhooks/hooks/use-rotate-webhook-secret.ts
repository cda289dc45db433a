import { useMutation } from '@tanstack/react-query';
import { rotateWebhookSecret } from '../api/webhooks-api';

/** A new signing secret, in this answer only; the previous one signs too for 24 hours. */
export function useRotateWebhookSecret(businessId: string, endpointId: string) {
  return useMutation({ mutationFn: () => rotateWebhookSecret(businessId, endpointId) });
}
