import { createHash, createHmac } from 'node:crypto';
import { safeEqual } from '../../../common/crypto';
import type { SignatureVerdict } from './stripe-signature';

/** POST parameters as Twilio sent them; a repeated key keeps all its values. */
export type TwilioParams = Record<string, string | string[]>;

/** Parses an `application/x-www-form-urlencoded` body the way Twilio's own validators expect it parsed. */
export function parseTwilioForm(rawBody: Buffer | string): TwilioParams {
  const params: TwilioParams = {};
  for (const [key, value] of new URLSearchParams(rawBody.toString())) {
    const existing = params[key];
    if (existing === undefined) params[key] = value;
    else params[key] = Array.isArray(existing) ? [...existing, value] : [existing, value];
  }
  return params;
}

/**
 * Twilio's signature: base64 HMAC-SHA1, keyed by the auth token, of the full URL Twilio requested
 * followed by every POST parameter sorted by name, name and value concatenated (a repeated name
 * contributes each distinct value, sorted).
 */
export function computeTwilioSignature(authToken: string, url: string, params: TwilioParams): string {
  let data = url;
  for (const key of Object.keys(params).sort()) {
    const value = params[key];
    if (Array.isArray(value)) for (const v of [...new Set(value)].sort()) data += key + v;
    else data += key + value;
  }
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf-8')).digest('base64');
}

/** Twilio signs with or without the default port depending on the product; accept both spellings. */
function urlVariants(url: string): string[] {
  const parsed = new URL(url);
  const withoutPort = new URL(parsed.toString());
  withoutPort.port = '';
  const defaultPort = parsed.protocol === 'https:' ? '443' : '80';
  const withPort = parsed.port
    ? parsed.toString()
    : `${parsed.protocol}//${parsed.username}${parsed.password ? `:${parsed.password}` : ''}${parsed.username || parsed.password ? '@' : ''}${parsed.host}:${defaultPort}${parsed.pathname}${parsed.search}${parsed.hash}`;
  return [...new Set([url, withoutPort.toString(), withPort])];
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

/** Verifies a Twilio request in constant time; JSON bodies are checked against the URL's bodySHA256. */
export function verifyTwilioSignature(check: TwilioSignatureCheck): SignatureVerdict {
  if (!check.signature) return { valid: false, reason: 'missing X-Twilio-Signature header' };
  const bodyHash = new URL(check.url).searchParams.get('bodySHA256');
  const params = bodyHash !== null ? {} : check.params;
  let matched = false;
  for (const url of urlVariants(check.url)) matched = safeEqual(check.signature, computeTwilioSignature(check.authToken, url, params)) || matched;
  if (!matched) return { valid: false, reason: 'signature mismatch' };
  if (bodyHash !== null && !safeEqual(bodyHash, createHash('sha256').update(check.rawBody).digest('hex'))) {
    return { valid: false, reason: 'body does not match bodySHA256' };
  }
  return { valid: true };
}
