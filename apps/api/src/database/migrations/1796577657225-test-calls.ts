import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Calls get a fourth direction, `outbound_test`: the owner's "Hear your agent" call from the
 * business's number to their own verified phone (not counted against the plan; see businesses/README.md).
 */
export class TestCalls1796577657225 implements MigrationInterface {
  name = 'TestCalls1796577657225';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE calls DROP CONSTRAINT calls_direction_check`);
    await q.query(`ALTER TABLE calls ADD CONSTRAINT calls_direction_check CHECK (direction IN ('inbound', 'outbound_trial', 'outbound_lead', 'outbound_test'))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM calls WHERE direction = 'outbound_test'`);
    await q.query(`ALTER TABLE calls DROP CONSTRAINT calls_direction_check`);
    await q.query(`ALTER TABLE calls ADD CONSTRAINT calls_direction_check CHECK (direction IN ('inbound', 'outbound_trial', 'outbound_lead'))`);
  }
}
