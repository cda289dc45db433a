// The test may use the SDK to prove that our header is the one Stripe's own code accepts.
import Stripe from 'stripe';
import { stripeSignatureHeader } from './stripe.signature';

describe('stripeSignatureHeader', () => {
  const secret = 'whsec_sandbox_test';
  const payload = JSON.stringify({ id: 'evt_sbx_1', object: 'event', type: 'invoice.paid', data: { object: { id: 'in_sbx_1' } } });
  const stripe = new Stripe('sk_test_unused');

  it('is accepted by the SDK\'s constructEvent', () => {
    const event = stripe.webhooks.constructEvent(payload, stripeSignatureHeader(payload, secret), secret);
    expect(event.id).toBe('evt_sbx_1');
  });

  it('equals the SDK\'s generateTestHeaderString for the same timestamp', () => {
    const timestamp = 1_764_288_000;
    expect(stripeSignatureHeader(payload, secret, timestamp)).toBe(stripe.webhooks.generateTestHeaderString({ payload, secret, timestamp }));
  });

  it('is refused for another secret', () => {
    expect(() => stripe.webhooks.constructEvent(payload, stripeSignatureHeader(payload, 'whsec_other'), secret)).toThrow(/signature/i);
  });
});
