import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Going live: what a business needs to follow its Stripe subscription in any event order, its
 * provisioning progress, and how each inbound call was answered.
 */
export class GoLive1764288600000 implements MigrationInterface {
  name = 'GoLive1764288600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE businesses
        ADD COLUMN trial_id uuid REFERENCES trials(id) ON DELETE SET NULL,
        ADD COLUMN checkout_session_id text,
        ADD COLUMN past_due_since timestamptz,
        ADD COLUMN current_period_start timestamptz,
        ADD COLUMN last_paid_invoice_id text,
        ADD COLUMN subscription_synced_at timestamptz,
        ADD COLUMN provisioning_status text NOT NULL DEFAULT 'pending'
          CHECK (provisioning_status IN ('pending', 'in_progress', 'done', 'failed')),
        ADD COLUMN provisioning_step text CHECK (provisioning_step IN ('assistant', 'number', 'connect')),
        ADD COLUMN provisioning_error text,
        ADD COLUMN provisioning_updated_at timestamptz,
        ADD CONSTRAINT businesses_calls_within_included CHECK (calls_used_this_period <= calls_included)`);
    // One business per checkout (a redelivered checkout.session.completed finds it) and per trial.
    await q.query(`CREATE UNIQUE INDEX businesses_checkout_session_id_key ON businesses (checkout_session_id) WHERE checkout_session_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX businesses_trial_id_key ON businesses (trial_id) WHERE trial_id IS NOT NULL`);
    // Inbound routing looks numbers up by the dialled E.164 among live numbers.
    await q.query(`CREATE INDEX phone_numbers_active_e164_idx ON phone_numbers (e164) WHERE status = 'active'`);
    await q.query(`ALTER TABLE calls ADD COLUMN inbound_route text CHECK (inbound_route IN ('assistant', 'fallback', 'refused'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE calls DROP COLUMN IF EXISTS inbound_route`);
    await q.query(`DROP INDEX IF EXISTS phone_numbers_active_e164_idx`);
    await q.query(`DROP INDEX IF EXISTS businesses_trial_id_key`);
    await q.query(`DROP INDEX IF EXISTS businesses_checkout_session_id_key`);
    await q.query(`
      ALTER TABLE businesses
        DROP CONSTRAINT IF EXISTS businesses_calls_within_included,
        DROP COLUMN IF EXISTS provisioning_updated_at,
        DROP COLUMN IF EXISTS provisioning_error,
        DROP COLUMN IF EXISTS provisioning_step,
        DROP COLUMN IF EXISTS provisioning_status,
        DROP COLUMN IF EXISTS subscription_synced_at,
        DROP COLUMN IF EXISTS last_paid_invoice_id,
        DROP COLUMN IF EXISTS current_period_start,
        DROP COLUMN IF EXISTS past_due_since,
        DROP COLUMN IF EXISTS checkout_session_id,
        DROP COLUMN IF EXISTS trial_id`);
  }
}
