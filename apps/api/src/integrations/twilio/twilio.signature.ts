import { createHmac } from 'node:crypto';

/**
 * Twilio's request signature (X-Twilio-Signature): base64 HMAC-SHA1, keyed with the auth token,
 * of the full URL followed by every POST parameter, sorted by name, as name+value.
 * The sandbox signs its status callbacks this way; the SDK's validateRequest accepts them.
 */
export const TWILIO_SIGNATURE_HEADER = 'x-twilio-signature';

export function signTwilioRequest(authToken: string, url: string, params: Record<string, string>): string {
  const data = Object.keys(params)
    .sort()
    .reduce((acc, key) => acc + key + params[key], url);
  return createHmac('sha1', authToken).update(Buffer.from(data, 'utf-8')).digest('base64');
}
