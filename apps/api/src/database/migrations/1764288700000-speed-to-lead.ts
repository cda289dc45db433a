import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Speed-to-lead: a business's web forms, the leads they (and integrators, and inbound calls)
 * capture, every submission of a lead, the calls placed to it, what happened to it, who is told;
 * and the Idempotency-Key store of POST requests.
 */
export class SpeedToLead1764288700000 implements MigrationInterface {
  name = 'SpeedToLead1764288700000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE lead_forms (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        business_id uuid NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        fields jsonb NOT NULL,
        consent_text text NOT NULL CHECK (length(consent_text) BETWEEN 1 AND 2000),
        consent_version int NOT NULL DEFAULT 1 CHECK (consent_version >= 1),
        allowed_origins text[] NOT NULL DEFAULT '{}',
        auto_call boolean NOT NULL DEFAULT true,
        thank_you_message text NOT NULL,
        deleted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX lead_forms_business_created_idx ON lead_forms (business_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`);

    await q.query(`
      CREATE TABLE leads (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        business_id uuid NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
        form_id uuid REFERENCES lead_forms(id) ON DELETE SET NULL,
        source text NOT NULL CHECK (source IN ('form', 'api', 'inbound_call')),
        source_detail text,
        inbound_call_id uuid REFERENCES calls(id) ON DELETE SET NULL,
        phone_e164 text NOT NULL,
        name text,
        email text,
        message text,
        fields jsonb NOT NULL DEFAULT '{}',
        status text NOT NULL DEFAULT 'new' CHECK (status IN ('new', 'calling', 'called', 'deferred', 'blocked', 'failed')),
        status_reason text,
        auto_call boolean NOT NULL,
        consent_record_id uuid REFERENCES consent_records(id),
        consent_evidence jsonb,
        consent_evidence_sha256 text,
        attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        first_attempt_at timestamptz,
        next_attempt_at timestamptz,
        -- The compliance decision that deferred the next attempt (the re-check links to it).
        deferred_by_decision_id uuid,
        time_zone text,
        last_submission_at timestamptz NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    // The dashboard's list, newest first, with an optional status filter (keyset on created_at, id).
    await q.query(`CREATE INDEX leads_business_created_idx ON leads (business_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX leads_business_status_created_idx ON leads (business_id, status, created_at DESC, id DESC)`);
    // "The same phone within 10 minutes is the same lead."
    // The sweeper: leads whose call is due (a job lost with Redis is found again).
    await q.query(`CREATE INDEX leads_due_idx ON leads (next_attempt_at) WHERE status IN ('new', 'deferred') AND auto_call`);
    await q.query(`CREATE INDEX leads_business_phone_recent_idx ON leads (business_id, phone_e164, last_submission_at DESC)`);
    // One lead per inbound call (a replayed report does not make a second).
    await q.query(`CREATE UNIQUE INDEX leads_inbound_call_key ON leads (inbound_call_id) WHERE inbound_call_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE lead_submissions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lead_id uuid NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
        form_id uuid REFERENCES lead_forms(id) ON DELETE SET NULL,
        source text NOT NULL CHECK (source IN ('form', 'api', 'inbound_call')),
        payload jsonb NOT NULL,
        ip inet,
        user_agent text,
        page_url text,
        submitted_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX lead_submissions_lead_idx ON lead_submissions (lead_id, submitted_at)`);

    await q.query(`
      CREATE TABLE lead_calls (
        lead_id uuid NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
        attempt int NOT NULL CHECK (attempt BETWEEN 1 AND 3),
        call_id uuid NOT NULL REFERENCES calls(id) ON DELETE CASCADE,
        decision_id uuid REFERENCES compliance_decisions(id),
        placed_at timestamptz,
        -- Set once the call ended and the lead moved on (called, retry scheduled, failed): exactly once.
        outcome text CHECK (outcome IN ('answered', 'no_answer', 'failed')),
        ended_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (lead_id, attempt),
        CONSTRAINT lead_calls_call_key UNIQUE (call_id)
      )`);

    await q.query(`
      CREATE TABLE lead_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        lead_id uuid NOT NULL REFERENCES leads(id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('status', 'notified')),
        status text,
        reason text,
        detail jsonb NOT NULL DEFAULT '{}',
        at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX lead_events_lead_idx ON lead_events (lead_id, at)`);

    await q.query(`
      CREATE TABLE lead_notification_settings (
        business_id uuid NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        email_on_new_lead boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (business_id, user_id)
      )`);

    // Stripe's semantics: the same key and body answer the same response for 24 hours.
    await q.query(`
      CREATE TABLE idempotency_keys (
        scope text NOT NULL,
        key text NOT NULL CHECK (length(key) BETWEEN 1 AND 255),
        request_sha256 text NOT NULL,
        response_status int,
        response_body jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        PRIMARY KEY (scope, key)
      )`);
    await q.query(`CREATE INDEX idempotency_keys_expires_idx ON idempotency_keys (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS idempotency_keys`);
    await q.query(`DROP TABLE IF EXISTS lead_notification_settings`);
    await q.query(`DROP TABLE IF EXISTS lead_events`);
    await q.query(`DROP TABLE IF EXISTS lead_calls`);
    await q.query(`DROP TABLE IF EXISTS lead_submissions`);
    await q.query(`DROP TABLE IF EXISTS leads`);
    await q.query(`DROP TABLE IF EXISTS lead_forms`);
  }
}
