import { createHmac } from 'node:crypto';
import { safeEqual } from '../../../common/crypto';

/** Stripe's default: an event signed more than 5 minutes ago is refused (replay protection). */
export const STRIPE_SIGNATURE_TOLERANCE_SECONDS = 300;

export interface StripeSignatureCheck {
  secret: string;
  /** The `Stripe-Signature` header: `t=<unix seconds>,v1=<hex>[,v1=<hex>…][,v0=…]`. */
  header: string | undefined;
  /** The body exactly as received. */
  rawBody: Buffer;
  now: Date;
  toleranceSeconds?: number;
}

export type SignatureVerdict = { valid: true } | { valid: false; reason: string };

/** The HMAC Stripe computes: SHA-256 over `${t}.${rawBody}`, keyed by the endpoint secret, hex. */
export function computeStripeSignature(secret: string, timestamp: number | string, rawBody: Buffer | string): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(rawBody).digest('hex');
}

/** Parses `t=…,v1=…` into the timestamp and every v1 signature (Stripe may send several during secret rolls). */
export function parseStripeSignatureHeader(header: string): { timestamp: number; signatures: string[] } | null {
  let timestamp = -1;
  const signatures: string[] = [];
  for (const item of header.split(',')) {
    const at = item.indexOf('=');
    if (at <= 0) continue;
    const key = item.slice(0, at).trim();
    const value = item.slice(at + 1).trim();
    if (key === 't') timestamp = /^\d{1,12}$/.test(value) ? Number(value) : -1;
    else if (key === 'v1' && value) signatures.push(value);
  }
  return timestamp < 0 ? null : { timestamp, signatures };
}

/**
 * Verifies a Stripe webhook the way Stripe documents it (and its SDK's `constructEvent` does):
 * any v1 signature matching, compared in constant time, and the timestamp within the tolerance.
 * Unlike the SDK we also refuse timestamps far in the future: a signed event cannot come from there.
 */
export function verifyStripeSignature(check: StripeSignatureCheck): SignatureVerdict {
  if (!check.header) return { valid: false, reason: 'missing Stripe-Signature header' };
  const parsed = parseStripeSignatureHeader(check.header);
  if (!parsed) return { valid: false, reason: 'no timestamp in Stripe-Signature header' };
  if (parsed.signatures.length === 0) return { valid: false, reason: 'no v1 signature in Stripe-Signature header' };
  const expected = computeStripeSignature(check.secret, parsed.timestamp, check.rawBody);
  // Compare against every candidate, even after a match, so timing does not tell which one matched.
  let matched = false;
  for (const candidate of parsed.signatures) matched = safeEqual(candidate, expected) || matched;
  if (!matched) return { valid: false, reason: 'signature mismatch' };
  const tolerance = check.toleranceSeconds ?? STRIPE_SIGNATURE_TOLERANCE_SECONDS;
  const ageSeconds = check.now.getTime() / 1000 - parsed.timestamp;
  if (Math.abs(ageSeconds) > tolerance) return { valid: false, reason: 'timestamp outside the tolerance' };
  return { valid: true };
}

/** Builds a header as Stripe would send it (the sandbox, tests and the benchmark sign with it). */
export function signStripePayload(secret: string, rawBody: Buffer | string, timestamp: number): string {
  return `t=${timestamp},v1=${computeStripeSignature(secret, timestamp, rawBody)}`;
}
