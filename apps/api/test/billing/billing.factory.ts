import { randomBytes } from 'node:crypto';
import type { Plan } from '@beaker/contracts';
import { PLAN_CATALOG } from '@beaker/contracts';
import {
  checkoutSessionObject,
  eventObject,
  invoiceObject,
  subscriptionObject,
  type SandboxSubscription,
} from '../../src/integrations/sandbox/stripe/stripe.sandbox.objects';
import { buildTrialPersona } from '../../src/modules/trials/personas/build-persona';
import type { TestApp } from '../harness';
import { deliverStripe, eventually } from '../webhooks/webhook-deliveries';

/** Stripe events as Stripe (and our sandbox) shapes them, for a subscription the test controls. */

const rid = (prefix: string) => `${prefix}_test_${randomBytes(10).toString('hex')}`;
export const DAY = 86_400;

export interface Subscription {
  sessionId: string;
  customerId: string;
  subscriptionId: string;
  userId: string;
  email: string;
  trialId: string | null;
  /** Unix seconds of the checkout. */
  start: number;
}

export async function seedUser(t: TestApp, email = `owner-${randomBytes(5).toString('hex')}@example.com`): Promise<{ id: string; email: string }> {
  const [user] = await t.db.query(`INSERT INTO users (email) VALUES ($1) RETURNING id, email`, [email]);
  return user;
}

/** A verified trial with its persona, written straight to the database (the trial flow is the trials module's). */
export async function seedTrial(t: TestApp, userId: string, input: { businessName?: string; phone?: string } = {}): Promise<string> {
  const businessName = input.businessName ?? 'Northside Heating & Air';
  const persona = buildTrialPersona({ industry: 'hvac', scenario: 'lead_intake', businessName });
  const [trial] = await t.db.query(
    `INSERT INTO trials (user_id, industry, business_name, scenario, phone_e164, phone_verified_at, vapi_assistant_id, assistant_config, status, expires_at)
     VALUES ($1, 'hvac', $2, 'lead_intake', $3, now(), $4, $5::jsonb, 'active', now() + interval '2 days') RETURNING id`,
    [userId, businessName, input.phone ?? '+14155550177', rid('asst'), JSON.stringify({ persona })],
  );
  return trial.id;
}

export async function newSubscription(t: TestApp, options: { withTrial?: boolean; start?: number } = {}): Promise<Subscription> {
  const user = await seedUser(t);
  const trialId = options.withTrial === false ? null : await seedTrial(t, user.id);
  return {
    sessionId: rid('cs'),
    customerId: rid('cus'),
    subscriptionId: rid('sub'),
    userId: user.id,
    email: user.email,
    trialId,
    start: options.start ?? 1_767_225_600, // 2026-01-01
  };
}

function sandboxSub(s: Subscription, state: { plan: Plan; status?: SandboxSubscription['status']; periodStart?: number; periodEnd?: number }): SandboxSubscription {
  const periodStart = state.periodStart ?? s.start;
  return {
    id: s.subscriptionId,
    customerId: s.customerId,
    plan: state.plan,
    priceId: state.plan === 'pro' ? 'price_sandbox_pro' : 'price_sandbox_starter',
    status: state.status ?? 'active',
    created: s.start,
    currentPeriodStart: periodStart,
    currentPeriodEnd: state.periodEnd ?? periodStart + 31 * DAY,
    cancelAtPeriodEnd: false,
    canceledAt: state.status === 'canceled' ? periodStart : null,
    endedAt: null,
    itemId: `si_${s.subscriptionId}`,
    latestInvoiceId: null,
    metadata: { plan: state.plan, ...(s.trialId ? { trialId: s.trialId } : {}) },
  };
}

export function checkoutCompleted(s: Subscription, plan: Plan = 'starter', created = s.start): Record<string, unknown> {
  const session = checkoutSessionObject(
    {
      id: s.sessionId,
      plan,
      priceId: plan === 'pro' ? 'price_sandbox_pro' : 'price_sandbox_starter',
      amountTotal: PLAN_CATALOG[plan].monthlyPriceCents,
      currency: 'usd',
      customerEmail: s.email,
      clientReferenceId: s.userId,
      metadata: { userId: s.userId, plan, ...(s.trialId ? { trialId: s.trialId } : {}) },
      successUrl: 'http://localhost/app/welcome?session_id={CHECKOUT_SESSION_ID}',
      cancelUrl: 'http://localhost/go-live',
      status: 'complete',
      created,
      expiresAt: created + DAY,
      customerId: s.customerId,
      subscriptionId: s.subscriptionId,
    },
    'http://localhost/sandbox/checkout',
  );
  return eventObject({ id: rid('evt'), type: 'checkout.session.completed', object: session, created });
}

export function subscriptionEvent(
  s: Subscription,
  type: 'customer.subscription.created' | 'customer.subscription.updated' | 'customer.subscription.deleted',
  state: { plan: Plan; status?: SandboxSubscription['status']; periodStart?: number; periodEnd?: number },
  created: number,
): Record<string, unknown> {
  return eventObject({ id: rid('evt'), type, object: subscriptionObject(sandboxSub(s, state)), created });
}

export function invoiceEvent(
  s: Subscription,
  type: 'invoice.paid' | 'invoice.payment_failed',
  input: { invoiceId?: string; plan?: Plan; periodStart: number; periodEnd?: number; billingReason: string; attempt?: number },
  created: number,
): Record<string, unknown> {
  const sub = sandboxSub(s, { plan: input.plan ?? 'starter', periodStart: input.periodStart, periodEnd: input.periodEnd });
  const invoice = invoiceObject({ id: input.invoiceId ?? rid('in'), sub, email: s.email, created, billingReason: input.billingReason });
  if (type === 'invoice.payment_failed') Object.assign(invoice, { status: 'open', amount_paid: 0, attempt_count: input.attempt ?? 1 });
  return eventObject({ id: rid('evt'), type, object: invoice, created });
}

export async function deliver(t: TestApp, event: Record<string, unknown>): Promise<void> {
  const res = await deliverStripe(t, event);
  if (res.status !== 200) throw new Error(`/webhooks/stripe answered ${res.status}: ${await res.text()}`);
}

/** Waits until every named event is done: completed, ignored, or failed for good. */
export async function settled(t: TestApp, events: Record<string, unknown>[], timeoutMs = 30_000): Promise<Record<string, string>> {
  const ids = events.map((e) => e.id as string);
  const rows = await eventually(
    async () => (await t.db.query(`SELECT event_id, status FROM webhook_events WHERE provider = 'stripe' AND event_id = ANY($1)`, [ids])) as { event_id: string; status: string }[],
    (r) => r.length === ids.length && r.every((x) => ['completed', 'ignored', 'failed'].includes(x.status)),
    timeoutMs,
    100,
  );
  return Object.fromEntries(rows.map((r) => [r.event_id, r.status]));
}

export async function businessOf(t: TestApp, subscriptionId: string): Promise<Record<string, unknown> | undefined> {
  const [row] = await t.db.query(
    `SELECT id, name, status, plan, calls_included, calls_used_this_period, current_period_start, current_period_end, past_due_since,
            subscription_synced_at, trial_id, stripe_customer_id, checkout_session_id, industry
       FROM businesses WHERE stripe_subscription_id = $1`,
    [subscriptionId],
  );
  return row;
}

/**
 * Waits for the background work a test started (webhook jobs, provisioning chains) to finish, so
 * that the next test's TRUNCATE does not race it.
 */
export async function quiet(t: TestApp, timeoutMs = 20_000): Promise<void> {
  const busy = await eventually(
    async () =>
      (
        await t.db.query(
          `SELECT (SELECT count(*) FROM webhook_events WHERE status IN ('pending', 'processing'))::int
                + (SELECT count(*) FROM businesses WHERE status <> 'canceled' AND checkout_session_id IS NOT NULL
                     AND provisioning_status IN ('pending', 'in_progress'))::int AS busy`,
        )
      )[0].busy as number,
    (n) => n === 0,
    timeoutMs,
    100,
  );
  if (busy !== 0) {
    const rows = await t.db.query(
      `SELECT 'event' AS kind, event_type AS what, status FROM webhook_events WHERE status IN ('pending', 'processing')
       UNION ALL SELECT 'business', id::text, provisioning_status FROM businesses WHERE provisioning_status IN ('pending', 'in_progress') AND checkout_session_id IS NOT NULL`,
    );
    throw new Error(`background work did not finish: ${JSON.stringify(rows)}`);
  }
}
