import { createHmac } from 'node:crypto';
import Stripe from 'stripe';
import { signStripePayload, StripeWebhookVerifier, verifyStripeSignature } from './stripe.webhook-signature';
import { AppConfig } from '../../config/app-config';
import { ManualClock } from '../../common/clock';

const stripe = new Stripe('sk_test_reference_only');
const secret = 'whsec_test_secret';
const body = JSON.stringify({ id: 'evt_1', object: 'event', type: 'invoice.paid', data: { object: { id: 'in_1', note: 'é ✓' } } });
const t = 1_764_288_000;
const now = new Date(t * 1000);
/** An independent computation of Stripe's documented v1 signature, to build headers the helpers would not. */
const v1 = (key: string, timestamp: number, payload: string) => createHmac('sha256', key).update(`${timestamp}.${payload}`).digest('hex');
const verify = (header: string | undefined, received = body, at = now) => verifyStripeSignature({ secret, header, rawBody: Buffer.from(received), now: at });

describe('Stripe webhook signature (the SDK)', () => {
  it('signs with the SDK\'s generateTestHeaderString: t=…,v1=<HMAC-SHA256 of "t.body">, which constructEvent accepts', () => {
    const header = signStripePayload(secret, body, t);
    expect(header).toBe(stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp: t }));
    expect(header).toBe(`t=${t},v1=${v1(secret, t, body)}`);
    const fresh = signStripePayload(secret, body, Math.floor(Date.now() / 1000));
    expect(stripe.webhooks.constructEvent(body, fresh, secret).id).toBe('evt_1');
  });

  it('accepts what Stripe signs, from the raw bytes (UTF-8 included)', () => {
    expect(verify(signStripePayload(secret, body, t))).toEqual({ valid: true });
  });

  it('accepts any of several v1 signatures (secret roll), in any order, and ignores v0', () => {
    expect(verify(`t=${t},v0=${'0'.repeat(64)},v1=${'a'.repeat(64)},v1=${v1(secret, t, body)}`)).toEqual({ valid: true });
    expect(verify(`v1=${v1(secret, t, body)},t=${t}`)).toEqual({ valid: true });
  });

  it.each([
    ['a forged signature', `t=${t},v1=${'f'.repeat(64)}`, body],
    ['a tampered body', `t=${t},v1=${v1(secret, t, body)}`, body.replace('in_1', 'in_2')],
    ['another secret', `t=${t},v1=${v1('whsec_other', t, body)}`, body],
    ['no v1', `t=${t},v0=${v1(secret, t, body)}`, body],
    ['no timestamp', `v1=${v1(secret, t, body)}`, body],
    ['a garbage header', 'nonsense', body],
    // Stripe sends none; the SDK's parser does not trim, so spaced items are not read.
    ['spaces around the items', ` t=${t} , v1=${v1(secret, t, body)} `, body],
  ])('refuses %s', (_name, header, received) => {
    expect(verify(header, received).valid).toBe(false);
  });

  it('refuses a missing header, naming it', () => {
    expect(verify(undefined)).toEqual({ valid: false, reason: 'missing Stripe-Signature header' });
    expect(verify('')).toEqual({ valid: false, reason: 'missing Stripe-Signature header' });
  });

  it('gives the SDK\'s reason, first sentence only', () => {
    expect(verify(`t=${t},v1=${'f'.repeat(64)}`)).toEqual({ valid: false, reason: 'No signatures found matching the expected signature for payload' });
  });

  it('refuses a timestamp older than 300 s by our clock, as the SDK does, and (stricter) one more than 300 s ahead', () => {
    const header = signStripePayload(secret, body, t);
    const later = (s: number) => new Date((t + s) * 1000);
    expect(verify(header, body, later(300))).toEqual({ valid: true });
    expect(verify(header, body, later(301))).toEqual({ valid: false, reason: 'Timestamp outside the tolerance zone' });
    expect(verify(header, body, later(-300))).toEqual({ valid: true });
    expect(verify(header, body, later(-301))).toEqual({ valid: false, reason: 'Timestamp ahead of our clock, outside the tolerance zone' });
    // The SDK alone accepts that one: only our check refuses it.
    expect(stripe.webhooks.signature!.verifyHeader(body, header, secret, 300, undefined, later(-301).getTime())).toBe(true);
  });

  it('StripeWebhookVerifier checks with STRIPE_WEBHOOK_SECRET at the injected clock\'s time', () => {
    const config = AppConfig.fromEnv(process.env, { STRIPE_WEBHOOK_SECRET: secret });
    const verifier = new StripeWebhookVerifier(config, new ManualClock(now));
    expect(verifier.verify(Buffer.from(body), signStripePayload(secret, body, t))).toEqual({ valid: true });
    expect(verifier.verify(Buffer.from(body), signStripePayload('whsec_other', body, t)).valid).toBe(false);
    expect(verifier.verify(Buffer.from(body), signStripePayload(secret, body, t - 301)).valid).toBe(false);
  });
});
