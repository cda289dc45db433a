import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff may grant a business a number of included calls per period other than its plan's until a
 * date (a plan override). Stripe's subscription events keep it; the call checks use it while it
 * runs. The usage may then pass the plan's allowance, up to the override's.
 */
export class PlanOverrides1764346020000 implements MigrationInterface {
  name = 'PlanOverrides1764346020000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE businesses
        ADD COLUMN calls_included_override int CHECK (calls_included_override BETWEEN 0 AND 100000),
        ADD COLUMN calls_included_override_until timestamptz,
        ADD COLUMN calls_included_override_reason text,
        ADD COLUMN calls_included_override_by uuid,
        ADD COLUMN calls_included_override_at timestamptz,
        ADD CONSTRAINT businesses_override_whole CHECK ((calls_included_override IS NULL) = (calls_included_override_until IS NULL)),
        DROP CONSTRAINT businesses_calls_within_included,
        ADD CONSTRAINT businesses_calls_within_included CHECK (calls_used_this_period <= GREATEST(calls_included, COALESCE(calls_included_override, 0)))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE businesses SET calls_used_this_period = LEAST(calls_used_this_period, calls_included)`);
    await q.query(`
      ALTER TABLE businesses
        DROP CONSTRAINT businesses_calls_within_included,
        DROP CONSTRAINT businesses_override_whole,
        DROP COLUMN calls_included_override,
        DROP COLUMN calls_included_override_until,
        DROP COLUMN calls_included_override_reason,
        DROP COLUMN calls_included_override_by,
        DROP COLUMN calls_included_override_at,
        ADD CONSTRAINT businesses_calls_within_included CHECK (calls_used_this_period <= calls_included)`);
  }
}
