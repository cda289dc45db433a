import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every state Stripe reported for a subscription (plan, status, at the event's time), one row per
 * Stripe event: the history staff's MRR movements are computed from, in event time whatever the
 * order events arrive in. Owned by the businesses module.
 */
export class SubscriptionChanges1764344130000 implements MigrationInterface {
  name = 'SubscriptionChanges1764344130000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE subscription_changes (
        id bigserial PRIMARY KEY,
        business_id uuid NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
        stripe_customer_id text NOT NULL,
        stripe_subscription_id text NOT NULL,
        -- Who paid, on the checkout's row: a person who cancels and pays again (a new business, a new Stripe customer) is one customer.
        user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        stripe_event_id text NOT NULL UNIQUE,
        status text NOT NULL,
        plan text NOT NULL,
        mrr_cents integer NOT NULL CHECK (mrr_cents >= 0),
        occurred_at timestamptz NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX subscription_changes_occurred_at_idx ON subscription_changes (occurred_at, id)`);
    await q.query(`CREATE INDEX subscription_changes_subscription_idx ON subscription_changes (stripe_subscription_id) WHERE user_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS subscription_changes`);
  }
}
