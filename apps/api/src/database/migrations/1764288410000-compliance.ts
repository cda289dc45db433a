import { MigrationInterface, QueryRunner } from 'typeorm';

const E164 = `'^\\+[1-9][0-9]{6,14}$'`;
const PURPOSES = `('trial_demo', 'speed_to_lead', 'inbound_callback', 'follow_up')`;

/**
 * Compliance: do-not-call lists, the consent ledger, the decision log, per-business compliance
 * settings, and the index that counts calls per destination number.
 *
 * Evidence tables (consent_records, compliance_decisions) keep plain uuid columns without foreign
 * keys for trials and leads: a trial is deleted with its user, and the evidence must survive it;
 * the leads table does not exist yet (add the FK, without cascade, when it does).
 */
export class Compliance1764288410000 implements MigrationInterface {
  name = 'Compliance1764288410000';

  async up(q: QueryRunner): Promise<void> {
    // { callingHours?: WeeklyHours, maxCallsPerMinute?: number }; hours are read in businesses.timezone.
    await q.query(`ALTER TABLE businesses ADD COLUMN compliance_settings jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(compliance_settings) = 'object')`);

    // "Calls to this number in the last 24 h", for the velocity caps.
    await q.query(`CREATE INDEX calls_to_created_idx ON calls (to_e164, created_at)`);

    await q.query(`
      CREATE TABLE dnc_entries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        business_id uuid REFERENCES businesses(id) ON DELETE CASCADE,
        phone_e164 text NOT NULL CHECK (phone_e164 ~ ${E164}),
        source text NOT NULL CHECK (source IN ('business', 'admin', 'in_call_opt_out', 'sms_stop', 'api')),
        reason text NOT NULL CHECK (char_length(reason) BETWEEN 1 AND 500),
        call_id uuid REFERENCES calls(id) ON DELETE SET NULL,
        created_by_kind text NOT NULL CHECK (created_by_kind IN ('user', 'admin', 'api_key', 'system')),
        created_by_id uuid,
        created_at timestamptz NOT NULL DEFAULT now(),
        removed_at timestamptz,
        removed_by_kind text CHECK (removed_by_kind IN ('user', 'admin', 'api_key', 'system')),
        removed_by_id uuid,
        removal_reason text CHECK (char_length(removal_reason) BETWEEN 1 AND 500),
        CONSTRAINT dnc_entries_removal_complete CHECK ((removed_at IS NULL) = (removal_reason IS NULL) AND (removed_at IS NULL) = (removed_by_kind IS NULL))
      )`);
    // One active entry per (list, number); NULL business = Beaker's own list. Also the lookup index.
    await q.query(`
      CREATE UNIQUE INDEX dnc_entries_active_key ON dnc_entries (phone_e164, (COALESCE(business_id, '00000000-0000-0000-0000-000000000000'::uuid)))
      WHERE removed_at IS NULL`);
    await q.query(`CREATE INDEX dnc_entries_business_created_idx ON dnc_entries (business_id, created_at DESC, id DESC) WHERE business_id IS NOT NULL`);
    await q.query(`CREATE INDEX dnc_entries_beaker_created_idx ON dnc_entries (created_at DESC, id DESC) WHERE business_id IS NULL`);
    await q.query(`CREATE INDEX dnc_entries_call_idx ON dnc_entries (call_id) WHERE call_id IS NOT NULL`);

    await q.query(`
      CREATE TABLE consent_records (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        phone_e164 text NOT NULL CHECK (phone_e164 ~ ${E164}),
        business_id uuid REFERENCES businesses(id),
        trial_id uuid,
        lead_id uuid,
        call_id uuid,
        kind text NOT NULL CHECK (kind IN ('grant', 'revocation')),
        method text NOT NULL,
        purpose text CHECK (purpose IN ${PURPOSES}),
        consent_text text CHECK (char_length(consent_text) <= 20000),
        consent_text_hash text,
        consent_version text CHECK (char_length(consent_version) <= 100),
        captured_at timestamptz NOT NULL,
        ip inet,
        user_agent text CHECK (char_length(user_agent) <= 1000),
        page_url text CHECK (char_length(page_url) <= 2000),
        form_id text CHECK (char_length(form_id) <= 100),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT consent_records_grant_evidence CHECK (
          kind <> 'grant' OR (consent_text IS NOT NULL AND purpose IS NOT NULL AND method IN ('web_form', 'api', 'verbal_trial'))
        ),
        CONSTRAINT consent_records_revocation_method CHECK (
          kind <> 'revocation' OR method IN ('in_call_opt_out', 'sms_stop', 'business', 'admin', 'api')
        ),
        -- The hash is of exactly the stored text: what the person saw, provably unchanged.
        CONSTRAINT consent_records_text_hash CHECK (
          (consent_text IS NULL AND consent_text_hash IS NULL)
          OR consent_text_hash = encode(sha256(convert_to(consent_text, 'UTF8')), 'hex')
        )
      )`);
    await q.query(`CREATE INDEX consent_records_phone_business_idx ON consent_records (phone_e164, business_id, captured_at DESC)`);
    await q.query(`CREATE INDEX consent_records_business_created_idx ON consent_records (business_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX consent_records_lead_idx ON consent_records (lead_id) WHERE lead_id IS NOT NULL`);
    await q.query(`CREATE INDEX consent_records_trial_idx ON consent_records (trial_id) WHERE trial_id IS NOT NULL`);
    // The ledger is immutable: corrections and revocations are new rows.
    await q.query(`
      CREATE TRIGGER consent_records_append_only BEFORE UPDATE OR DELETE ON consent_records
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change()`);

    await q.query(`
      CREATE TABLE compliance_decisions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        business_id uuid REFERENCES businesses(id),
        trial_id uuid,
        lead_id uuid,
        call_id uuid REFERENCES calls(id) ON DELETE SET NULL,
        previous_decision_id uuid REFERENCES compliance_decisions(id),
        phone_e164 text NOT NULL CHECK (char_length(phone_e164) <= 32),
        purpose text NOT NULL CHECK (purpose IN ${PURPOSES}),
        subject text,
        decision text NOT NULL CHECK (decision IN ('allow', 'defer', 'block')),
        reasons jsonb NOT NULL,
        next_allowed_at timestamptz,
        recording_disclosure boolean NOT NULL,
        rules_version text NOT NULL,
        evaluated_at timestamptz NOT NULL,
        input_summary jsonb NOT NULL,
        deferred_job_id text,
        outcome text CHECK (outcome IN ('call_placed', 'deferred', 'no_placer', 'owner_declined', 'abandoned')),
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT compliance_decisions_defer_has_time CHECK ((decision = 'defer') = (next_allowed_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX compliance_decisions_phone_evaluated_idx ON compliance_decisions (phone_e164, evaluated_at DESC)`);
    await q.query(`CREATE INDEX compliance_decisions_business_evaluated_idx ON compliance_decisions (business_id, evaluated_at DESC) WHERE business_id IS NOT NULL`);
    await q.query(`CREATE INDEX compliance_decisions_trial_idx ON compliance_decisions (trial_id) WHERE trial_id IS NOT NULL`);
    await q.query(`CREATE INDEX compliance_decisions_lead_idx ON compliance_decisions (lead_id) WHERE lead_id IS NOT NULL`);
    await q.query(`CREATE INDEX compliance_decisions_call_idx ON compliance_decisions (call_id) WHERE call_id IS NOT NULL`);
    await q.query(`CREATE INDEX compliance_decisions_previous_idx ON compliance_decisions (previous_decision_id) WHERE previous_decision_id IS NOT NULL`);
    // Allowed calls whose owner has not created the call row yet: they count against the caps.
    await q.query(`CREATE INDEX compliance_decisions_pending_allow_idx ON compliance_decisions (evaluated_at) WHERE decision = 'allow' AND call_id IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS compliance_decisions`);
    await q.query(`DROP TABLE IF EXISTS consent_records`);
    await q.query(`DROP TABLE IF EXISTS dnc_entries`);
    await q.query(`DROP INDEX IF EXISTS calls_to_created_idx`);
    await q.query(`ALTER TABLE businesses DROP COLUMN IF EXISTS compliance_settings`);
  }
}
