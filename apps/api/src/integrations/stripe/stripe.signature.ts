import { createHmac } from 'node:crypto';

/**
 * Stripe's webhook signature, computed here rather than with the SDK (only the adapter imports
 * it): `Stripe-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "${t}.${payload}">`, keyed with
 * the endpoint secret. The same header the SDK's generateTestHeaderString builds, and
 * stripe.webhooks.constructEvent accepts (see stripe.signature.spec.ts).
 */
export const STRIPE_SIGNATURE_HEADER = 'stripe-signature';

export function stripeSignatureHeader(payload: string, secret: string, timestampSeconds: number = Math.floor(Date.now() / 1000)): string {
  const signature = createHmac('sha256', secret).update(`${timestampSeconds}.${payload}`, 'utf8').digest('hex');
  return `t=${timestampSeconds},v1=${signature}`;
}
