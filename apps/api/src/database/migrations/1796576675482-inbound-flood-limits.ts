import { MigrationInterface, QueryRunner } from 'typeorm';

const ROUTES_BEFORE = `'assistant', 'fallback', 'refused'`;
const ROUTES_AFTER = `${ROUTES_BEFORE}, 'limited'`;
const ABUSE_KINDS_BEFORE = `'disposable_email', 'user_trial_limit', 'phone_trial_limit', 'ip_rate_limit', 'verification_locked', 'sms_rate_limit', 'blocked_phone', 'blocked_email_domain'`;
const ABUSE_KINDS_AFTER = `${ABUSE_KINDS_BEFORE}, 'inbound_caller_limited', 'inbound_call_burst'`;

/**
 * Inbound call floods (issue 19): a caller over its hourly or daily number of answered calls to a
 * business is declined (`inbound_route = 'limited'`, not counted against the plan), counted from the
 * calls themselves (by business, caller and time); a limited caller and a burst of inbound calls to
 * one business are abuse events staff review.
 */
export class InboundFloodLimits1796576675482 implements MigrationInterface {
  name = 'InboundFloodLimits1796576675482';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE calls DROP CONSTRAINT calls_inbound_route_check, ADD CONSTRAINT calls_inbound_route_check CHECK (inbound_route IN (${ROUTES_AFTER}))`);
    await q.query(`CREATE INDEX calls_inbound_caller_created_idx ON calls (business_id, from_e164, created_at DESC) WHERE direction = 'inbound'`);
    await q.query(`ALTER TABLE abuse_events DROP CONSTRAINT abuse_events_kind_check, ADD CONSTRAINT abuse_events_kind_check CHECK (kind IN (${ABUSE_KINDS_AFTER}))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM abuse_events WHERE kind IN ('inbound_caller_limited', 'inbound_call_burst')`);
    await q.query(`ALTER TABLE abuse_events DROP CONSTRAINT abuse_events_kind_check, ADD CONSTRAINT abuse_events_kind_check CHECK (kind IN (${ABUSE_KINDS_BEFORE}))`);
    await q.query(`DROP INDEX IF EXISTS calls_inbound_caller_created_idx`);
    await q.query(`UPDATE calls SET inbound_route = 'refused' WHERE inbound_route = 'limited'`);
    await q.query(`ALTER TABLE calls DROP CONSTRAINT calls_inbound_route_check, ADD CONSTRAINT calls_inbound_route_check CHECK (inbound_route IN (${ROUTES_BEFORE}))`);
  }
}
