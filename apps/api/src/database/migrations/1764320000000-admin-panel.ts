import { MigrationInterface, QueryRunner } from 'typeorm';

const ABUSE_KINDS_BEFORE = `'disposable_email', 'user_trial_limit', 'phone_trial_limit', 'ip_rate_limit', 'verification_locked', 'sms_rate_limit'`;
const ABUSE_KINDS_AFTER = `${ABUSE_KINDS_BEFORE}, 'blocked_phone', 'blocked_email_domain'`;

/**
 * The admin panel (issue 16): suspension with a reason, blocks against trial farming, a fuller
 * audit line (reason, before/after, request id), and the indexes staff search needs so that one
 * search stays a handful of index lookups at 1,000,000 calls and 100,000 users:
 *
 * - exact keys (ids, Stripe ids, Vapi/Twilio call ids, provider event ids, phone numbers): btree;
 *   most existed already (unique keys), the missing ones are added here;
 * - prefixes of emails and business names: btree with text_pattern_ops (LIKE 'abc%' under any
 *   collation);
 * - parts of emails' local parts and of business names (3 characters or more): pg_trgm GIN
 *   indexes; email domains: a btree on the domain.
 */
export class AdminPanel1764320000000 implements MigrationInterface {
  name = 'AdminPanel1764320000000';

  async up(q: QueryRunner): Promise<void> {
    // A trusted extension (PostgreSQL 13+): the database owner may create it.
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    // --- suspension (auth) ----------------------------------------------------------------------
    await q.query(`ALTER TABLE users ADD COLUMN suspension_reason text CHECK (char_length(suspension_reason) BETWEEN 1 AND 500)`);
    // Staff always give one; a suspension set by hand (psql) may lack it, so no constraint ties the two.

    // --- search indexes -------------------------------------------------------------------------
    await q.query(`CREATE INDEX users_email_pattern_idx ON users (email text_pattern_ops)`);
    // Parts of an email are looked for in its local part only: a domain is shared by many users, so
    // its trigrams would match most rows (a GIN scan of 100 ms at 100,000 users); domains have a
    // btree of their own (a whole domain or its start).
    // fastupdate off: rows go straight into the index instead of a pending list that every search
    // would have to read until the next vacuum (10+ ms after a burst of sign-ups); these tables are
    // written rarely and searched often.
    await q.query(`CREATE INDEX users_email_local_trgm_idx ON users USING gin (split_part(email, '@', 1) gin_trgm_ops) WITH (fastupdate = off)`);
    await q.query(`CREATE INDEX users_email_domain_idx ON users (split_part(email, '@', 2) text_pattern_ops)`);
    await q.query(`CREATE INDEX businesses_name_pattern_idx ON businesses (lower(name) text_pattern_ops)`);
    await q.query(`CREATE INDEX businesses_name_trgm_idx ON businesses USING gin (lower(name) gin_trgm_ops) WITH (fastupdate = off)`);
    // Released numbers too: staff look up who had a number.
    await q.query(`CREATE INDEX phone_numbers_e164_idx ON phone_numbers (e164)`);
    await q.query(`CREATE INDEX leads_phone_idx ON leads (phone_e164)`);
    await q.query(`CREATE INDEX leads_email_pattern_idx ON leads (lower(email) text_pattern_ops) WHERE email IS NOT NULL`);
    // webhook_events (provider, event_id) is unique already; search asks it with provider = ANY(all three).

    // --- audit log --------------------------------------------------------------------------------
    await q.query(`
      ALTER TABLE audit_log
        ADD COLUMN reason text CHECK (char_length(reason) <= 1000),
        ADD COLUMN before jsonb,
        ADD COLUMN after jsonb,
        ADD COLUMN request_id text CHECK (char_length(request_id) <= 128)`);
    await q.query(`CREATE INDEX audit_log_action_at_idx ON audit_log (action, at DESC, id DESC)`);

    // --- trial blocks (trials) --------------------------------------------------------------------
    await q.query(`
      CREATE TABLE trial_blocks (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('phone', 'email_domain')),
        value text NOT NULL CHECK (char_length(value) BETWEEN 1 AND 253),
        reason text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 500),
        created_by uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        lifted_at timestamptz,
        lifted_by uuid,
        lift_reason text CHECK (char_length(lift_reason) BETWEEN 1 AND 500),
        CONSTRAINT trial_blocks_phone_e164 CHECK (kind <> 'phone' OR value ~ '^\\+[1-9][0-9]{6,14}$'),
        CONSTRAINT trial_blocks_domain_normalized CHECK (kind <> 'email_domain' OR value = lower(btrim(value))),
        CONSTRAINT trial_blocks_lift_complete CHECK ((lifted_at IS NULL) = (lift_reason IS NULL))
      )`);
    await q.query(`CREATE UNIQUE INDEX trial_blocks_active_key ON trial_blocks (kind, value) WHERE lifted_at IS NULL`);
    await q.query(`CREATE INDEX trial_blocks_created_idx ON trial_blocks (created_at DESC, id DESC)`);

    await q.query(`ALTER TABLE abuse_events DROP CONSTRAINT abuse_events_kind_check`);
    await q.query(`ALTER TABLE abuse_events ADD CONSTRAINT abuse_events_kind_check CHECK (kind IN (${ABUSE_KINDS_AFTER}))`);
    // The refused-trial log's "top email domains" (the person's, when the refusal knows it).
    await q.query(`ALTER TABLE abuse_events ADD COLUMN email_domain text CHECK (char_length(email_domain) <= 253)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE abuse_events DROP COLUMN IF EXISTS email_domain`);
    await q.query(`DELETE FROM abuse_events WHERE kind IN ('blocked_phone', 'blocked_email_domain')`);
    await q.query(`ALTER TABLE abuse_events DROP CONSTRAINT abuse_events_kind_check`);
    await q.query(`ALTER TABLE abuse_events ADD CONSTRAINT abuse_events_kind_check CHECK (kind IN (${ABUSE_KINDS_BEFORE}))`);
    await q.query(`DROP TABLE IF EXISTS trial_blocks`);
    await q.query(`DROP INDEX IF EXISTS audit_log_action_at_idx`);
    await q.query(`ALTER TABLE audit_log DROP COLUMN IF EXISTS request_id, DROP COLUMN IF EXISTS after, DROP COLUMN IF EXISTS before, DROP COLUMN IF EXISTS reason`);
    for (const index of ['leads_email_pattern_idx', 'leads_phone_idx', 'phone_numbers_e164_idx', 'businesses_name_trgm_idx', 'businesses_name_pattern_idx', 'users_email_domain_idx', 'users_email_local_trgm_idx', 'users_email_pattern_idx']) {
      await q.query(`DROP INDEX IF EXISTS ${index}`);
    }
    await q.query(`ALTER TABLE users DROP COLUMN IF EXISTS suspension_reason`);
    // pg_trgm stays: other objects may use it.
  }
}
