// eslint-disable-next-line no-restricted-imports -- the SDK is the reference our own verification is checked against
import Stripe from 'stripe';
import { computeStripeSignature, parseStripeSignatureHeader, signStripePayload, verifyStripeSignature } from './stripe-signature';

// The SDK is the reference implementation; only specs and integrations/stripe may import it.
const stripe = new Stripe('sk_test_reference_only');
const secret = 'whsec_test_secret';
const body = JSON.stringify({ id: 'evt_1', object: 'event', type: 'invoice.paid', data: { object: { id: 'in_1', note: 'é ✓' } } });
const t = 1_764_288_000;
const now = new Date(t * 1000);

describe('Stripe signature', () => {
  it('produces exactly the header of the SDK\'s generateTestHeaderString', () => {
    const reference = stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp: t });
    expect(signStripePayload(secret, body, t)).toBe(reference);
    expect(signStripePayload(secret, Buffer.from(body), t)).toBe(reference);
  });

  it('accepts what the SDK signs, and the SDK accepts what we sign', () => {
    const header = stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp: t });
    expect(verifyStripeSignature({ secret, header, rawBody: Buffer.from(body), now })).toEqual({ valid: true });
    const ours = signStripePayload(secret, body, Math.floor(Date.now() / 1000));
    expect(stripe.webhooks.constructEvent(body, ours, secret).id).toBe('evt_1');
  });

  it('accepts any of several v1 signatures (secret roll) and ignores v0', () => {
    const good = computeStripeSignature(secret, t, body);
    const header = `t=${t},v0=${'0'.repeat(64)},v1=${'a'.repeat(64)},v1=${good}`;
    expect(verifyStripeSignature({ secret, header, rawBody: Buffer.from(body), now }).valid).toBe(true);
  });

  it.each([
    ['a forged signature', `t=${t},v1=${'f'.repeat(64)}`, body],
    ['a tampered body', `t=${t},v1=${computeStripeSignature(secret, t, body)}`, body.replace('in_1', 'in_2')],
    ['another secret', `t=${t},v1=${computeStripeSignature('whsec_other', t, body)}`, body],
    ['no v1', `t=${t},v0=${computeStripeSignature(secret, t, body)}`, body],
    ['no timestamp', `v1=${computeStripeSignature(secret, t, body)}`, body],
    ['a garbage header', 'nonsense', body],
  ])('refuses %s', (_name, header, received) => {
    expect(verifyStripeSignature({ secret, header, rawBody: Buffer.from(received), now }).valid).toBe(false);
  });

  it('refuses a missing header', () => {
    expect(verifyStripeSignature({ secret, header: undefined, rawBody: Buffer.from(body), now })).toEqual({
      valid: false,
      reason: 'missing Stripe-Signature header',
    });
  });

  it('refuses a timestamp older than 300 s, as the SDK does, and one from the future', () => {
    const header = signStripePayload(secret, body, t);
    const later = (s: number) => new Date((t + s) * 1000);
    expect(verifyStripeSignature({ secret, header, rawBody: Buffer.from(body), now: later(300) }).valid).toBe(true);
    expect(verifyStripeSignature({ secret, header, rawBody: Buffer.from(body), now: later(301) }).valid).toBe(false);
    expect(verifyStripeSignature({ secret, header, rawBody: Buffer.from(body), now: later(-301) }).valid).toBe(false);
    const old = stripe.webhooks.generateTestHeaderString({ payload: body, secret, timestamp: Math.floor(Date.now() / 1000) - 301 });
    expect(() => stripe.webhooks.constructEvent(body, old, secret)).toThrow(/tolerance/);
    expect(verifyStripeSignature({ secret, header: old, rawBody: Buffer.from(body), now: new Date() }).valid).toBe(false);
  });

  it('parses the header leniently about spaces and order', () => {
    expect(parseStripeSignatureHeader(' v1=abc , t=12 ')).toEqual({ timestamp: 12, signatures: ['abc'] });
    expect(parseStripeSignatureHeader('t=abc,v1=x')).toBeNull();
  });
});
