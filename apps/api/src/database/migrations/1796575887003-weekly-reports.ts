import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The weekly report email (analytics): who wants it (owners unless they said no, members if they
 * said yes), one row per business, week and recipient claimed before the email goes out (the
 * unique key is what keeps two workers from both sending), and the unsubscribe links' hashes.
 */
export class WeeklyReports1796575887003 implements MigrationInterface {
  name = 'WeeklyReports1796575887003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE weekly_report_settings (
        business_id uuid NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        weekly_report boolean NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (business_id, user_id)
      )`);
    await q.query(`CREATE INDEX weekly_report_settings_user_idx ON weekly_report_settings (user_id)`);
    await q.query(`
      CREATE TABLE weekly_report_sends (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        business_id uuid NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        week_start date NOT NULL,
        status text NOT NULL CHECK (status IN ('sending', 'sent', 'failed')),
        attempts int NOT NULL CHECK (attempts >= 1),
        lease_until timestamptz NOT NULL,
        sent_at timestamptz,
        last_error text,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT weekly_report_sends_once UNIQUE (business_id, week_start, user_id)
      )`);
    await q.query(`CREATE INDEX weekly_report_sends_user_idx ON weekly_report_sends (user_id)`);
    await q.query(`
      CREATE TABLE weekly_report_unsubscribe_tokens (
        token_hash text PRIMARY KEY,
        business_id uuid NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        send_id uuid REFERENCES weekly_report_sends(id) ON DELETE CASCADE,
        created_at timestamptz NOT NULL DEFAULT now(),
        used_at timestamptz
      )`);
    await q.query(`CREATE INDEX weekly_report_unsubscribe_tokens_business_idx ON weekly_report_unsubscribe_tokens (business_id)`);
    await q.query(`CREATE INDEX weekly_report_unsubscribe_tokens_user_idx ON weekly_report_unsubscribe_tokens (user_id)`);
    await q.query(`CREATE INDEX weekly_report_unsubscribe_tokens_send_idx ON weekly_report_unsubscribe_tokens (send_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS weekly_report_unsubscribe_tokens`);
    await q.query(`DROP TABLE IF EXISTS weekly_report_sends`);
    await q.query(`DROP TABLE IF EXISTS weekly_report_settings`);
  }
}
