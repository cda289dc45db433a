import { MigrationInterface, QueryRunner } from 'typeorm';

/** The core schema: users, trials, businesses and their members and numbers, calls, webhook events. */
export class CoreSchema1764288000000 implements MigrationInterface {
  name = 'CoreSchema1764288000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pgcrypto`);

    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL,
        role text NOT NULL DEFAULT 'user' CHECK (role IN ('user', 'admin')),
        last_sign_in_at timestamptz,
        suspended_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT users_email_normalized CHECK (email = lower(btrim(email)))
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (email)`);
    await q.query(`CREATE INDEX users_admin_idx ON users (id) WHERE role = 'admin'`);

    await q.query(`
      CREATE TABLE trials (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        industry text NOT NULL CHECK (industry IN ('hvac', 'gym', 'dental')),
        business_name text NOT NULL,
        scenario text NOT NULL CHECK (scenario IN ('lead_intake', 'faq', 'scheduling')),
        phone_e164 text NOT NULL CHECK (phone_e164 ~ '^\\+[1-9][0-9]{6,14}$'),
        phone_verified_at timestamptz,
        vapi_assistant_id text,
        assistant_config jsonb NOT NULL DEFAULT '{}'::jsonb,
        calls_used int NOT NULL DEFAULT 0,
        calls_limit int NOT NULL DEFAULT 3,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'active', 'converted', 'expired')),
        expires_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT chk_calls_within_limit CHECK (calls_used >= 0 AND calls_used <= calls_limit)
      )`);
    await q.query(`CREATE INDEX trials_user_created_idx ON trials (user_id, created_at DESC)`);
    await q.query(`CREATE INDEX trials_phone_created_idx ON trials (phone_e164, created_at DESC)`);
    await q.query(`CREATE INDEX trials_status_expires_idx ON trials (expires_at) WHERE status IN ('pending', 'active')`);
    await q.query(`CREATE UNIQUE INDEX trials_vapi_assistant_id_key ON trials (vapi_assistant_id) WHERE vapi_assistant_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE businesses (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name text NOT NULL,
        industry text CHECK (industry IN ('hvac', 'gym', 'dental')),
        scenario text CHECK (scenario IN ('lead_intake', 'faq', 'scheduling')),
        persona jsonb NOT NULL DEFAULT '{}'::jsonb,
        stripe_customer_id text,
        stripe_subscription_id text,
        status text NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'past_due', 'canceled')),
        plan text NOT NULL CHECK (plan IN ('starter', 'pro')),
        calls_included int NOT NULL CHECK (calls_included > 0),
        calls_used_this_period int NOT NULL DEFAULT 0 CHECK (calls_used_this_period >= 0),
        current_period_end timestamptz,
        vapi_assistant_id text,
        timezone text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX businesses_stripe_customer_id_key ON businesses (stripe_customer_id) WHERE stripe_customer_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX businesses_stripe_subscription_id_key ON businesses (stripe_subscription_id) WHERE stripe_subscription_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX businesses_vapi_assistant_id_key ON businesses (vapi_assistant_id) WHERE vapi_assistant_id IS NOT NULL`);
    await q.query(`CREATE INDEX businesses_status_idx ON businesses (status)`);

    await q.query(`
      CREATE TABLE business_members (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        business_id uuid NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role text NOT NULL DEFAULT 'member' CHECK (role IN ('owner', 'member')),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX business_members_business_user_key ON business_members (business_id, user_id)`);
    await q.query(`CREATE INDEX business_members_user_idx ON business_members (user_id)`);

    await q.query(`
      CREATE TABLE phone_numbers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        business_id uuid NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
        e164 text NOT NULL CHECK (e164 ~ '^\\+[1-9][0-9]{6,14}$'),
        twilio_sid text,
        vapi_phone_number_id text,
        status text NOT NULL DEFAULT 'provisioning' CHECK (status IN ('provisioning', 'active', 'released')),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // A number answers for one business at a time; a released number may be bought again later.
    await q.query(`CREATE UNIQUE INDEX phone_numbers_e164_live_key ON phone_numbers (e164) WHERE status <> 'released'`);
    await q.query(`CREATE UNIQUE INDEX phone_numbers_twilio_sid_key ON phone_numbers (twilio_sid) WHERE twilio_sid IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX phone_numbers_vapi_id_key ON phone_numbers (vapi_phone_number_id) WHERE vapi_phone_number_id IS NOT NULL`);
    await q.query(`CREATE INDEX phone_numbers_business_idx ON phone_numbers (business_id)`);

    await q.query(`
      CREATE TABLE calls (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        trial_id uuid REFERENCES trials(id) ON DELETE CASCADE,
        business_id uuid REFERENCES businesses(id) ON DELETE CASCADE,
        direction text NOT NULL CHECK (direction IN ('inbound', 'outbound_trial', 'outbound_lead')),
        status text NOT NULL DEFAULT 'initiated' CHECK (status IN ('initiated', 'ringing', 'in_progress', 'completed', 'failed')),
        to_e164 text NOT NULL,
        from_e164 text,
        vapi_call_id text,
        twilio_call_sid text,
        ended_reason text,
        duration_seconds int CHECK (duration_seconds >= 0),
        transcript jsonb,
        recording_url text,
        summary text,
        extracted_lead jsonb,
        cost_total numeric(10, 4),
        cost_breakdown jsonb,
        started_at timestamptz,
        ended_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT calls_exactly_one_owner CHECK (num_nonnulls(trial_id, business_id) = 1),
        CONSTRAINT calls_trial_direction CHECK (trial_id IS NULL OR direction = 'outbound_trial')
      )`);
    await q.query(`CREATE UNIQUE INDEX calls_vapi_call_id_key ON calls (vapi_call_id) WHERE vapi_call_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX calls_twilio_call_sid_key ON calls (twilio_call_sid) WHERE twilio_call_sid IS NOT NULL`);
    await q.query(`CREATE INDEX calls_trial_created_idx ON calls (trial_id, created_at DESC) WHERE trial_id IS NOT NULL`);
    // The dashboard's list: newest first per business, keyset on (created_at, id), optional filters.
    await q.query(`CREATE INDEX calls_business_created_idx ON calls (business_id, created_at DESC, id DESC) WHERE business_id IS NOT NULL`);
    await q.query(`CREATE INDEX calls_business_direction_created_idx ON calls (business_id, direction, created_at DESC, id DESC) WHERE business_id IS NOT NULL`);
    await q.query(`CREATE INDEX calls_business_status_created_idx ON calls (business_id, status, created_at DESC, id DESC) WHERE business_id IS NOT NULL`);
    // Reconciliation looks only at calls that have not ended.
    await q.query(`CREATE INDEX calls_open_created_idx ON calls (created_at) WHERE status IN ('initiated', 'ringing', 'in_progress')`);

    await q.query(`
      CREATE TABLE webhook_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        provider text NOT NULL CHECK (provider IN ('stripe', 'twilio', 'vapi')),
        event_id text NOT NULL,
        event_type text NOT NULL,
        payload jsonb,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'processing', 'completed', 'failed', 'ignored')),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        received_at timestamptz NOT NULL DEFAULT now(),
        processed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX webhook_events_provider_event_key ON webhook_events (provider, event_id)`);
    await q.query(`CREATE INDEX webhook_events_received_idx ON webhook_events (received_at DESC, id DESC)`);
    await q.query(`CREATE INDEX webhook_events_provider_type_received_idx ON webhook_events (provider, event_type, received_at DESC)`);
    await q.query(`CREATE INDEX webhook_events_unfinished_idx ON webhook_events (received_at) WHERE status IN ('pending', 'processing')`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['webhook_events', 'calls', 'phone_numbers', 'business_members', 'businesses', 'trials', 'users']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
