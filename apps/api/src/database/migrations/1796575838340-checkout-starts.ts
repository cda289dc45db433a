import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every Stripe Checkout Session opened for a plan, once per session (a double click answers the
 * same session): the trial funnel's "checkout started" step. Owned by the businesses module.
 * Also indexes what the funnel reads elsewhere: users by signup time, subscription_changes by payer.
 */
export class CheckoutStarts1796575838340 implements MigrationInterface {
  name = 'CheckoutStarts1796575838340';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE checkout_starts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        stripe_checkout_session_id text NOT NULL UNIQUE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        trial_id uuid REFERENCES trials(id) ON DELETE SET NULL,
        plan text NOT NULL,
        started_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX checkout_starts_user_idx ON checkout_starts (user_id, started_at)`);
    await q.query(`CREATE INDEX checkout_starts_trial_idx ON checkout_starts (trial_id) WHERE trial_id IS NOT NULL`);
    // The funnel's "paid" looks up the payer's first checkout row (and the foreign key had no index).
    // The funnel's cohorts are the people who signed up in a range.
    await q.query(`CREATE INDEX users_created_at_idx ON users (created_at)`);
    await q.query(`CREATE INDEX subscription_changes_user_idx ON subscription_changes (user_id, occurred_at) WHERE user_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS subscription_changes_user_idx`);
    await q.query(`DROP INDEX IF EXISTS users_created_at_idx`);
    await q.query(`DROP TABLE IF EXISTS checkout_starts`);
  }
}
