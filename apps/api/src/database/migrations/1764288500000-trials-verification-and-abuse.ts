import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The trial's phone verification codes, the abuse log behind the admin abuse view, and the rule
 * that a trial has at most one call going at a time (the last line behind TRIALS.CALL_IN_PROGRESS).
 */
export class TrialsVerificationAndAbuse1764288500000 implements MigrationInterface {
  name = 'TrialsVerificationAndAbuse1764288500000';

  async up(q: QueryRunner): Promise<void> {
    // One row per code sent. Only an HMAC of the code is kept; attempts count every try at it.
    await q.query(`
      CREATE TABLE phone_verifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        trial_id uuid NOT NULL REFERENCES trials(id) ON DELETE CASCADE,
        phone_e164 text NOT NULL CHECK (phone_e164 ~ '^\\+[1-9][0-9]{6,14}$'),
        code_hash text NOT NULL,
        attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0 AND attempts <= 5),
        sent_at timestamptz NOT NULL,
        expires_at timestamptz NOT NULL,
        verified_at timestamptz,
        locked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX phone_verifications_trial_sent_idx ON phone_verifications (trial_id, sent_at DESC)`);

    await q.query(`
      CREATE TABLE abuse_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('disposable_email', 'user_trial_limit', 'phone_trial_limit', 'ip_rate_limit', 'verification_locked', 'sms_rate_limit')),
        user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        ip text,
        phone_e164 text,
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        at timestamptz NOT NULL DEFAULT now()
      )`);
    // The admin view: newest first, optionally by kind; lookups by user and by phone.
    await q.query(`CREATE INDEX abuse_events_at_idx ON abuse_events (at DESC, id DESC)`);
    await q.query(`CREATE INDEX abuse_events_kind_at_idx ON abuse_events (kind, at DESC)`);
    await q.query(`CREATE INDEX abuse_events_user_idx ON abuse_events (user_id) WHERE user_id IS NOT NULL`);
    await q.query(`CREATE INDEX abuse_events_phone_idx ON abuse_events (phone_e164) WHERE phone_e164 IS NOT NULL`);

    // Concurrent "Call me" clicks: whatever the service checks, two open calls of one trial cannot both commit.
    await q.query(`
      CREATE UNIQUE INDEX calls_one_open_per_trial ON calls (trial_id)
      WHERE trial_id IS NOT NULL AND status IN ('initiated', 'ringing', 'in_progress')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS calls_one_open_per_trial`);
    await q.query(`DROP TABLE IF EXISTS abuse_events`);
    await q.query(`DROP TABLE IF EXISTS phone_verifications`);
  }
}
