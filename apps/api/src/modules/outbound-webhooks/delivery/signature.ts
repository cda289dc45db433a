import { hmacSha256Hex } from '../../../common/crypto';

/**
 * The `Beaker-Signature` header, like Stripe's: `t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<body>">`,
 * one `v1` per secret that signs (two during a rotation's 24 hours of overlap).
 */
export function signatureHeader(secrets: string[], body: string, timestamp: number): string {
  return [`t=${timestamp}`, ...secrets.map((secret) => `v1=${hmacSha256Hex(secret, `${timestamp}.${body}`)}`)].join(',');
}
