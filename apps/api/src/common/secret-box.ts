import { createCipheriv, createDecipheriv, createHash, createHmac, randomBytes } from 'node:crypto';
import { randomSecret } from './crypto';

/** A new signing secret, as the owner copies it: `whsec_` and 32 random bytes. */
export function newSigningSecret(): string {
  return `whsec_${randomSecret(32)}`;
}

/**
 * Secrets we must be able to read again are stored encrypted (AES-256-GCM, a random IV per
 * secret, `v1.<iv>.<tag>.<ciphertext>` in base64url): outbound webhooks' signing secrets (they
 * must be usable to sign), and the secrets an idempotent answer holds (an API key's plaintext, so
 * that an Idempotency-Key replay answers the same key). The key comes from WEBHOOK_SECRETS_KEY, or
 * else is derived from SESSION_SECRET.
 */
export class SecretBox {
  private readonly key: Buffer;

  constructor(material: { webhookSecretsKey?: string; sessionSecret: string }) {
    this.key = material.webhookSecretsKey
      ? createHash('sha256').update(material.webhookSecretsKey).digest()
      : createHmac('sha256', material.sessionSecret).update('beaker/outbound-webhook-secrets').digest();
  }

  seal(secret: string): string {
    const iv = randomBytes(12);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    const ciphertext = Buffer.concat([cipher.update(secret, 'utf8'), cipher.final()]);
    return ['v1', iv.toString('base64url'), cipher.getAuthTag().toString('base64url'), ciphertext.toString('base64url')].join('.');
  }

  open(sealed: string): string {
    const [version, iv, tag, ciphertext] = sealed.split('.');
    if (version !== 'v1' || !iv || !tag || ciphertext === undefined) throw new Error('not a sealed secret');
    const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
    decipher.setAuthTag(Buffer.from(tag, 'base64url'));
    return Buffer.concat([decipher.update(Buffer.from(ciphertext, 'base64url')), decipher.final()]).toString('utf8');
  }
}
