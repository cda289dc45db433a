import { Injectable } from '@nestjs/common';
import Stripe from 'stripe';
import { Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import type { SignatureVerdict } from '../signature-verdict';

/**
 * Stripe's webhook signature, with Stripe's own code: `Stripe-Signature: t=<unix seconds>,v1=<hex
 * HMAC-SHA256 of "${t}.${body}">` keyed with the endpoint secret (STRIPE_WEBHOOK_SECRET).
 * The receiver verifies with the SDK's `webhooks.signature.verifyHeader` (what `constructEvent`
 * runs before it parses); the sandbox, tests and the benchmark sign with `generateTestHeaderString`.
 */
export const STRIPE_SIGNATURE_HEADER = 'stripe-signature';

/** Stripe's default (the SDK's DEFAULT_TOLERANCE): a delivery signed longer ago is refused as a replay. */
export const STRIPE_SIGNATURE_TOLERANCE_SECONDS = 300;

const stripeSignature = (() => {
  const helper = Stripe.webhooks.signature;
  if (!helper) throw new Error('This build of the Stripe SDK has no webhooks.signature helper');
  return helper;
})();

export interface StripeSignatureCheck {
  secret: string;
  /** The `Stripe-Signature` header as received. */
  header: string | undefined;
  /** The body exactly as received. */
  rawBody: Buffer;
  now: Date;
  toleranceSeconds?: number;
}

/**
 * Verifies a delivery with the SDK: any `v1` signature matching (constant time; several during a
 * secret roll), signed at most the tolerance before `now` (our clock, not the SDK's Date.now()).
 * Stricter than the SDK: a timestamp more than the tolerance *ahead* of our clock is refused too
 * (the SDK only looks back); a signed event cannot come from the future.
 */
export function verifyStripeSignature(check: StripeSignatureCheck): SignatureVerdict {
  if (!check.header) return { valid: false, reason: 'missing Stripe-Signature header' };
  const tolerance = check.toleranceSeconds ?? STRIPE_SIGNATURE_TOLERANCE_SECONDS;
  try {
    stripeSignature.verifyHeader(check.rawBody, check.header, check.secret, tolerance, undefined, check.now.getTime());
  } catch (err) {
    // The SDK's first sentence ("No signatures found matching…", "Timestamp outside the tolerance zone"); it names no secret.
    const reason = err instanceof Stripe.errors.StripeSignatureVerificationError ? err.message.split(/[.\n]/)[0] : 'unreadable Stripe-Signature header';
    return { valid: false, reason };
  }
  if (signedAt(check.header) - Math.floor(check.now.getTime() / 1000) > tolerance) {
    return { valid: false, reason: 'Timestamp ahead of our clock, outside the tolerance zone' };
  }
  return { valid: true };
}

/** The signed `t`, read as the SDK reads it (the last `t=` item, parseInt), once the SDK has accepted the header. */
function signedAt(header: string): number {
  let timestamp = -1;
  for (const item of header.split(',')) {
    const [key, value] = item.split('=');
    if (key === 't') timestamp = parseInt(value, 10);
  }
  return timestamp;
}

/** The header Stripe would send for `payload` signed at `timestampSeconds` (the SDK's generateTestHeaderString). */
export function signStripePayload(secret: string, payload: string, timestampSeconds: number): string {
  return Stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp: timestampSeconds });
}

/** What the webhook receiver checks Stripe deliveries with, in both modes (the sandbox signs like Stripe). */
@Injectable()
export class StripeWebhookVerifier {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  verify(rawBody: Buffer, header: string | undefined): SignatureVerdict {
    return verifyStripeSignature({ secret: this.config.env.STRIPE_WEBHOOK_SECRET, header, rawBody, now: this.clock.now() });
  }
}
