import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { businessStatusFor, checkoutFacts, envelopeOf, invoiceFacts, subscriptionFacts } from './stripe-events';
import { checkoutSessionObject, invoiceObject, prorationInvoiceObject, prorationOf, subscriptionObject, type SandboxSubscription } from '../../../integrations/sandbox/stripe/stripe.sandbox.objects';

const fixture = (name: string) => JSON.parse(readFileSync(resolve(__dirname, '../../../../test/fixtures/stripe', name), 'utf8')) as Record<string, unknown>;

const sub: SandboxSubscription = {
  id: 'sub_1',
  customerId: 'cus_1',
  plan: 'pro',
  priceId: 'price_sandbox_pro',
  status: 'active',
  created: 1_764_288_000,
  currentPeriodStart: 1_764_288_000,
  currentPeriodEnd: 1_766_966_400,
  cancelAtPeriodEnd: false,
  canceledAt: null,
  endedAt: null,
  itemId: 'si_1',
  latestInvoiceId: 'in_1',
  metadata: { plan: 'pro', trialId: 't1' },
};

describe('reading Stripe objects', () => {
  it('reads the envelope and refuses what is not an event', () => {
    const event = envelopeOf({ id: 'evt_1', type: 'invoice.paid', created: 1_764_288_000, data: { object: { id: 'in_1' } } });
    expect(event).toEqual({ id: 'evt_1', type: 'invoice.paid', createdAt: new Date(1_764_288_000_000), object: { id: 'in_1' } });
    expect(envelopeOf({ id: 'evt_1', type: 'x' })).toBeNull();
    expect(envelopeOf('nope')).toBeNull();
  });

  it('reads a completed checkout session: who paid, for what, from which trial', () => {
    const session = checkoutSessionObject(
      {
        id: 'cs_1',
        plan: 'starter',
        priceId: 'price_sandbox_starter',
        amountTotal: 9900,
        currency: 'usd',
        customerEmail: 'Owner@Example.com',
        clientReferenceId: 'user-1',
        metadata: { trialId: 'trial-1', plan: 'starter' },
        successUrl: 'https://x/s',
        cancelUrl: 'https://x/c',
        status: 'complete',
        created: 1,
        expiresAt: 2,
        customerId: 'cus_1',
        subscriptionId: 'sub_1',
      },
      'https://x/checkout',
    );
    expect(checkoutFacts(session)).toEqual({
      sessionId: 'cs_1',
      mode: 'subscription',
      userId: 'user-1',
      email: 'Owner@Example.com',
      customerId: 'cus_1',
      subscriptionId: 'sub_1',
      trialId: 'trial-1',
      plan: 'starter',
      paid: true,
    });
    // Stripe's own sample: a payment-mode session with nothing of ours.
    const sample = checkoutFacts(fixture('checkout.session.json'));
    expect(sample.mode).toBe('payment');
    expect(sample.subscriptionId).toBeUndefined();
    expect(checkoutFacts({ id: 'cs_2', payment_status: 'unpaid' }).paid).toBe(false);
  });

  it('reads a subscription with the period on its item (basil) or on itself (older versions)', () => {
    const facts = subscriptionFacts(subscriptionObject(sub));
    expect(facts).toMatchObject({ subscriptionId: 'sub_1', customerId: 'cus_1', status: 'active', priceId: 'price_sandbox_pro', planHint: 'pro' });
    expect(facts.currentPeriodEnd).toEqual(new Date(1_766_966_400_000));
    const legacy = subscriptionFacts({ id: 'sub_2', status: 'past_due', customer: { id: 'cus_2' }, current_period_end: 1_766_966_400, items: { data: [] } });
    expect(legacy).toMatchObject({ customerId: 'cus_2', status: 'past_due', currentPeriodEnd: new Date(1_766_966_400_000) });
    expect(subscriptionFacts(fixture('subscription.json')).subscriptionId).not.toBe('');
  });

  it('maps every Stripe subscription status to ours (incomplete changes nothing)', () => {
    expect(['active', 'trialing'].map(businessStatusFor)).toEqual(['active', 'active']);
    expect(['past_due', 'unpaid', 'paused'].map(businessStatusFor)).toEqual(['past_due', 'past_due', 'past_due']);
    expect(['canceled', 'incomplete_expired'].map(businessStatusFor)).toEqual(['canceled', 'canceled']);
    expect(businessStatusFor('incomplete')).toBeNull();
  });

  it("reads the paid period from the invoice's subscription line, and the subscription from parent (basil) or the top level", () => {
    const invoice = invoiceObject({ id: 'in_1', sub, email: 'a@b.c', created: 1_764_288_000, billingReason: 'subscription_cycle' });
    const facts = invoiceFacts(invoice);
    expect(facts).toMatchObject({ invoiceId: 'in_1', subscriptionId: 'sub_1', customerId: 'cus_1', billingReason: 'subscription_cycle', attemptCount: 1 });
    expect(facts.periodStart).toEqual(new Date(sub.currentPeriodStart * 1000));
    expect(facts.periodEnd).toEqual(new Date(sub.currentPeriodEnd * 1000));
    // What was paid, and when: the margin's revenue.
    expect(facts).toMatchObject({ amountPaid: 29_900, currency: 'usd' });
    expect(facts.paidAt).toEqual(new Date(1_764_288_000 * 1000));
    const basil = invoiceFacts({ ...invoice, subscription: undefined });
    expect(basil.subscriptionId).toBe('sub_1');
    // Stripe's sample (a quote invoice whose line has a zero-length period): no period to start.
    const sample = invoiceFacts(fixture('invoice.json'));
    expect(sample.periodStart).toBeNull();
  });

  it('an invoice of a plan change’s prorations pays for no period (its lines are shorter, later ones): it is revenue, not a renewal', () => {
    const middle = sub.currentPeriodStart + Math.round((sub.currentPeriodEnd - sub.currentPeriodStart) / 2);
    const down: SandboxSubscription = { ...sub, plan: 'starter', priceId: 'price_starter' };
    const invoice = prorationInvoiceObject({ id: 'in_2', before: sub, after: down, email: 'a@b.c', prorationDate: middle, created: middle });
    const facts = invoiceFacts(invoice);
    expect(facts).toMatchObject({ invoiceId: 'in_2', subscriptionId: 'sub_1', billingReason: 'subscription_update', periodStart: null, periodEnd: null });
    // Pro → Starter half-way: −$149.50 + $49.50: a $100 credit, nothing due.
    expect(prorationOf(sub, 'starter', middle)).toEqual({ credit: -14_950, charge: 4950, net: -10_000, amountDue: 0 });
    expect(facts.amountPaid).toBe(0);
  });
});
