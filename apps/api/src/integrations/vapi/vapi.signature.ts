import { Injectable } from '@nestjs/common';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { Clock } from '../../common/clock';
import { safeEqual } from '../../common/crypto';
import { AppConfig } from '../../config/app-config';
import type { SignatureVerdict } from '../signature-verdict';

/**
 * How our Vapi webhooks are authenticated: Vapi's HMAC credential, configured as
 *   algorithm sha256, encoding hex, payload format `{timestamp}.{body}`,
 *   signature header `x-vapi-signature`, timestamp header `x-vapi-timestamp` (Unix epoch milliseconds),
 * with VAPI_WEBHOOK_SECRET as the key. Vapi has no SDK helper for it, so this file is the one
 * place it is written: the sandbox signs with vapiSignatureHeaders, the receiver verifies with
 * VapiWebhookVerifier (verifyVapiSignature on the raw body, before parsing it).
 */
export const VAPI_SIGNATURE_HEADER = 'x-vapi-signature';
export const VAPI_TIMESTAMP_HEADER = 'x-vapi-timestamp';
/** A delivery older (or further in the future) than this is refused as a replay. */
export const VAPI_SIGNATURE_TOLERANCE_SECONDS = 300;

/** Hex HMAC-SHA256 of `${timestamp}.${body}`. */
export function signVapiPayload(secret: string, timestamp: string | number, body: string | Buffer): string {
  return createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
}

/** The two headers to send with `body`. */
export function vapiSignatureHeaders(secret: string, body: string, nowMs: number = Date.now()): Record<string, string> {
  const timestamp = String(nowMs);
  return { [VAPI_SIGNATURE_HEADER]: signVapiPayload(secret, timestamp, body), [VAPI_TIMESTAMP_HEADER]: timestamp };
}

export type VapiSignatureCheck = { valid: true } | { valid: false; reason: 'missing' | 'malformed' | 'expired' | 'mismatch' };

/**
 * Checks a delivery: both headers present, timestamp within the tolerance, signature equal in
 * constant time. The timestamp is read as milliseconds (or seconds, if it is that small).
 */
export function verifyVapiSignature(
  secret: string,
  input: { body: string | Buffer; signature: string | string[] | undefined; timestamp: string | string[] | undefined },
  options: { nowMs?: number; toleranceSeconds?: number } = {},
): VapiSignatureCheck {
  const signature = Array.isArray(input.signature) ? input.signature[0] : input.signature;
  const timestamp = Array.isArray(input.timestamp) ? input.timestamp[0] : input.timestamp;
  if (!signature || !timestamp) return { valid: false, reason: 'missing' };
  if (!/^\d{1,16}$/.test(timestamp) || !/^[0-9a-f]{64}$/i.test(signature)) return { valid: false, reason: 'malformed' };
  const value = Number(timestamp);
  const ms = value < 1e12 ? value * 1000 : value;
  const tolerance = (options.toleranceSeconds ?? VAPI_SIGNATURE_TOLERANCE_SECONDS) * 1000;
  if (Math.abs((options.nowMs ?? Date.now()) - ms) > tolerance) return { valid: false, reason: 'expired' };
  const expected = Buffer.from(signVapiPayload(secret, timestamp, input.body), 'hex');
  const given = Buffer.from(signature, 'hex');
  return given.length === expected.length && timingSafeEqual(given, expected) ? { valid: true } : { valid: false, reason: 'mismatch' };
}

/**
 * What the webhook receiver checks Vapi deliveries with: the HMAC headers when present, else, in
 * sandbox mode only, Vapi's older credentials (the secret itself in `x-vapi-secret`, or as a bearer
 * token), compared in constant time. Live mode refuses those: a static secret has no timestamp, so
 * a delivery captured once could be replayed forever.
 */
@Injectable()
export class VapiWebhookVerifier {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  verify(rawBody: Buffer, header: (name: string) => string | undefined): SignatureVerdict {
    const secret = this.config.env.VAPI_WEBHOOK_SECRET;
    const signature = header(VAPI_SIGNATURE_HEADER);
    if (signature !== undefined) {
      const check = verifyVapiSignature(secret, { body: rawBody, signature, timestamp: header(VAPI_TIMESTAMP_HEADER) }, { nowMs: this.clock.now().getTime() });
      return check.valid ? check : { valid: false, reason: `vapi signature ${check.reason}` };
    }
    const secretHeader = header('x-vapi-secret');
    const authorization = header('authorization');
    if (!this.config.isSandbox && (secretHeader !== undefined || authorization?.startsWith('Bearer '))) {
      return { valid: false, reason: 'static Vapi credential (no timestamp) refused in live mode: configure the HMAC credential' };
    }
    if (secretHeader !== undefined) return safeEqual(secretHeader, secret) ? { valid: true } : { valid: false, reason: 'x-vapi-secret mismatch' };
    if (authorization?.startsWith('Bearer ')) {
      return safeEqual(authorization.slice(7), secret) ? { valid: true } : { valid: false, reason: 'bearer token mismatch' };
    }
    return { valid: false, reason: 'missing Vapi credential headers' };
  }
}
