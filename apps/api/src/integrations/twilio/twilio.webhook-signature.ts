import { Injectable } from '@nestjs/common';
import twilio from 'twilio';
import { AppConfig } from '../../config/app-config';
import type { SignatureVerdict } from '../signature-verdict';

/**
 * Twilio's request signature, with Twilio's own code: `X-Twilio-Signature` = base64 HMAC-SHA1,
 * keyed with the auth token, of the full URL Twilio requested followed by every POST parameter
 * sorted by name, name+value. The receiver verifies with the SDK's `validateRequest` (form bodies)
 * or `validateRequestWithBody` (JSON bodies, covered by `bodySHA256` in the URL); the sandbox and
 * tests sign with `getExpectedTwilioSignature`.
 */
export const TWILIO_SIGNATURE_HEADER = 'x-twilio-signature';

/** POST parameters as Twilio sent them; a repeated key keeps all its values. */
export type TwilioParams = Record<string, string | string[]>;

/** Parses an `application/x-www-form-urlencoded` body the way Twilio's validators expect it parsed. */
export function parseTwilioForm(rawBody: Buffer | string): TwilioParams {
  const params: TwilioParams = {};
  for (const [key, value] of new URLSearchParams(rawBody.toString())) {
    const existing = params[key];
    if (existing === undefined) params[key] = value;
    else params[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return params;
}

export interface TwilioSignatureCheck {
  authToken: string;
  /** The `X-Twilio-Signature` header. */
  signature: string | undefined;
  /** The public URL Twilio requested: APP_URL + path + query (never the Host header, which a proxy rewrites). */
  url: string;
  /** Form parameters for form-encoded bodies; JSON bodies are covered by `bodySHA256` in the URL instead. */
  params: TwilioParams;
  rawBody: Buffer;
}

/**
 * Verifies a Twilio request with the SDK (constant time). The SDK accepts the URL with or without
 * the scheme's default port (Twilio signs either, depending on the product) and with its legacy
 * query-string encoding. A URL carrying `bodySHA256` is checked with the body hash and no
 * parameters, whatever the content type, as Twilio signs such requests.
 */
export function verifyTwilioSignature(check: TwilioSignatureCheck): SignatureVerdict {
  if (!check.signature) return { valid: false, reason: 'missing X-Twilio-Signature header' };
  let bodyHash: string | null;
  try {
    bodyHash = new URL(check.url).searchParams.get('bodySHA256');
  } catch {
    return { valid: false, reason: 'unreadable request URL' };
  }
  if (bodyHash !== null) {
    return twilio.validateRequestWithBody(check.authToken, check.signature, check.url, check.rawBody.toString('utf8'))
      ? { valid: true }
      : { valid: false, reason: 'signature or bodySHA256 mismatch' };
  }
  return twilio.validateRequest(check.authToken, check.signature, check.url, check.params) ? { valid: true } : { valid: false, reason: 'signature mismatch' };
}

/** The X-Twilio-Signature Twilio would send for `params` POSTed to `url` (the SDK's getExpectedTwilioSignature). */
export function signTwilioRequest(authToken: string, url: string, params: TwilioParams): string {
  return twilio.getExpectedTwilioSignature(authToken, url, params);
}

/** What the webhook receiver checks Twilio deliveries with, in both modes (the sandbox signs like Twilio). */
@Injectable()
export class TwilioWebhookVerifier {
  constructor(private readonly config: AppConfig) {}

  verify(request: Omit<TwilioSignatureCheck, 'authToken'>): SignatureVerdict {
    return verifyTwilioSignature({ ...request, authToken: this.config.env.TWILIO_AUTH_TOKEN });
  }
}
