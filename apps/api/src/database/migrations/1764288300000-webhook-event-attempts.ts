import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The webhook inspector's timeline: one row per processing attempt of an event (by the queue or
 * an admin's replay), with its outcome and error. Also an index for the inspector's "failed" view.
 */
export class WebhookEventAttempts1764288300000 implements MigrationInterface {
  name = 'WebhookEventAttempts1764288300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_event_attempts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        webhook_event_id uuid NOT NULL REFERENCES webhook_events(id) ON DELETE CASCADE,
        attempt int NOT NULL CHECK (attempt >= 1),
        trigger text NOT NULL CHECK (trigger IN ('queue', 'replay')),
        outcome text NOT NULL CHECK (outcome IN ('completed', 'ignored', 'failed', 'interrupted')),
        error text,
        started_at timestamptz NOT NULL,
        finished_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX webhook_event_attempts_event_idx ON webhook_event_attempts (webhook_event_id, started_at)`);
    // Failed events are few and are what staff look for; a partial index costs nothing to the others.
    await q.query(`CREATE INDEX webhook_events_failed_received_idx ON webhook_events (received_at DESC, id DESC) WHERE status = 'failed'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS webhook_events_failed_received_idx`);
    await q.query(`DROP TABLE IF EXISTS webhook_event_attempts`);
  }
}
