import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A subscription set to end at its period's end (Stripe's `cancel_at_period_end`, or a `cancel_at`)
 * stays active until then: the dashboard says so and offers to resume it (issue 18, item 5).
 */
export class CancelAtPeriodEnd1764342060000 implements MigrationInterface {
  name = 'CancelAtPeriodEnd1764342060000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE businesses ADD COLUMN cancel_at_period_end boolean NOT NULL DEFAULT false`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE businesses DROP COLUMN cancel_at_period_end`);
  }
}
