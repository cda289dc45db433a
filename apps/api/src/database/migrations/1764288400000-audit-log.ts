import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The audit log: who did what to what, and when (do-not-call changes, admin actions, …).
 * Append-only: the database refuses UPDATE and DELETE (TRUNCATE stays possible for test resets
 * and for an operator who owns the table). No foreign keys on purpose: the record must outlive
 * the rows it talks about.
 */
export class AuditLog1764288400000 implements MigrationInterface {
  name = 'AuditLog1764288400000';

  async up(q: QueryRunner): Promise<void> {
    // One guard function for every append-only table (audit_log, consent_records, …).
    await q.query(`
      CREATE FUNCTION refuse_append_only_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION '% is append-only: % refused', TG_TABLE_NAME, TG_OP
          USING ERRCODE = 'restrict_violation', HINT = 'append a new row instead';
      END
      $$`);

    await q.query(`
      CREATE TABLE audit_log (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        actor_kind text NOT NULL CHECK (actor_kind IN ('user', 'admin', 'api_key', 'system')),
        actor_id uuid,
        action text NOT NULL CHECK (action ~ '^[a-z][a-z0-9_-]*(\\.[a-z0-9_-]+)+$'),
        target_type text NOT NULL CHECK (char_length(target_type) BETWEEN 1 AND 64),
        target_id text,
        business_id uuid,
        details jsonb NOT NULL DEFAULT '{}'::jsonb,
        at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT audit_log_system_has_no_actor CHECK (actor_kind <> 'system' OR actor_id IS NULL)
      )`);
    await q.query(`CREATE INDEX audit_log_at_idx ON audit_log (at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_log_business_at_idx ON audit_log (business_id, at DESC, id DESC) WHERE business_id IS NOT NULL`);
    await q.query(`CREATE INDEX audit_log_actor_at_idx ON audit_log (actor_id, at DESC) WHERE actor_id IS NOT NULL`);
    await q.query(`CREATE INDEX audit_log_target_idx ON audit_log (target_type, target_id, at DESC)`);
    // FOR EACH STATEMENT: refused even when the statement matches no row.
    await q.query(`
      CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log
      FOR EACH STATEMENT EXECUTE FUNCTION refuse_append_only_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS audit_log`);
    await q.query(`DROP FUNCTION IF EXISTS refuse_append_only_change()`);
  }
}
