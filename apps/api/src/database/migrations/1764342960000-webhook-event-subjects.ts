import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Staff's call page lists the webhook events about the call: a provider event id starts with what
 * it is about (Vapi's `<call id>:<type>`, Twilio's `<CallSid>:<status>`), looked up exactly here.
 */
export class WebhookEventSubjects1764342960000 implements MigrationInterface {
  name = 'WebhookEventSubjects1764342960000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX webhook_events_subject_idx ON webhook_events (provider, split_part(event_id, ':', 1))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS webhook_events_subject_idx`);
  }
}
