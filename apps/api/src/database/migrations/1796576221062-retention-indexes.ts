import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the retention job looks up (modules/retention): processed webhook events that still carry
 * their payload, by when they were processed, and verification codes by expiry.
 */
export class RetentionIndexes1796576221062 implements MigrationInterface {
  name = 'RetentionIndexes1796576221062';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX webhook_events_payload_kept_idx ON webhook_events (processed_at) WHERE payload IS NOT NULL AND status IN ('completed', 'ignored')`);
    await q.query(`CREATE INDEX phone_verifications_expires_idx ON phone_verifications (expires_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX phone_verifications_expires_idx`);
    await q.query(`DROP INDEX webhook_events_payload_kept_idx`);
  }
}
