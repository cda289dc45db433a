import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Trial sessions (issue 18): starting a trial from the landing page opens a session before the
 * email is proven. Such a session names its trial and reaches nothing else (the AccessGuard);
 * the magic link emailed at the start opens a full session.
 */
export class TrialSessions1764321380000 implements MigrationInterface {
  name = 'TrialSessions1764321380000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sessions ADD COLUMN trial_id uuid REFERENCES trials(id) ON DELETE CASCADE`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE sessions DROP COLUMN trial_id`);
  }
}
