import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Analytics: one row per business and local day (the business's time zone), and one global row per
 * UTC day (business_id NULL). A day is recomputed whole: re-running replaces the row.
 */
export class Analytics1764341020000 implements MigrationInterface {
  name = 'Analytics1764341020000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE analytics_daily_snapshots (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        business_id uuid REFERENCES businesses(id) ON DELETE CASCADE,
        day date NOT NULL,
        time_zone text NOT NULL,
        calls_inbound int NOT NULL CHECK (calls_inbound >= 0),
        calls_outbound_trial int NOT NULL CHECK (calls_outbound_trial >= 0),
        calls_outbound_lead int NOT NULL CHECK (calls_outbound_lead >= 0),
        calls_answered int NOT NULL CHECK (calls_answered >= 0),
        calls_ended int NOT NULL CHECK (calls_ended >= 0),
        talk_seconds bigint NOT NULL CHECK (talk_seconds >= 0),
        leads_captured int NOT NULL CHECK (leads_captured >= 0),
        leads_deferred int NOT NULL CHECK (leads_deferred >= 0),
        leads_blocked int NOT NULL CHECK (leads_blocked >= 0),
        time_to_call_p50_ms int CHECK (time_to_call_p50_ms >= 0),
        time_to_call_p90_ms int CHECK (time_to_call_p90_ms >= 0),
        time_to_call_samples int NOT NULL CHECK (time_to_call_samples >= 0),
        cost_total numeric(14, 4) NOT NULL,
        costs_by_provider jsonb NOT NULL DEFAULT '{}'::jsonb,
        computed_at timestamptz NOT NULL
      )`);
    // One row per business-day (the dashboard reads a business's range) and one per global day.
    await q.query(`CREATE UNIQUE INDEX analytics_daily_snapshots_business_day_key ON analytics_daily_snapshots (business_id, day) WHERE business_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX analytics_daily_snapshots_global_day_key ON analytics_daily_snapshots (day) WHERE business_id IS NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS analytics_daily_snapshots`);
  }
}
