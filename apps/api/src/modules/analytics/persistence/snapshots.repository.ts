import { Injectable } from '@nestjs/common';
import { Database } from '../../../database/database';

/** One day's figures, as computed (the row without its id). */
export interface SnapshotFigures {
  businessId: string | null;
  day: string;
  timeZone: string;
  callsInbound: number;
  callsOutboundTrial: number;
  callsOutboundLead: number;
  callsAnswered: number;
  callsEnded: number;
  talkSeconds: number;
  leadsCaptured: number;
  leadsDeferred: number;
  leadsBlocked: number;
  timeToCallP50Ms: number | null;
  timeToCallP90Ms: number | null;
  timeToCallSamples: number;
  /** Dollars, 4 decimals, as text (numeric: no float rounding). */
  costTotal: string;
  costsByProvider: Record<string, number>;
  computedAt: Date;
}

const COLUMNS = `business_id AS "businessId", to_char(day, 'YYYY-MM-DD') AS day, time_zone AS "timeZone",
  calls_inbound AS "callsInbound", calls_outbound_trial AS "callsOutboundTrial", calls_outbound_lead AS "callsOutboundLead",
  calls_answered AS "callsAnswered", calls_ended AS "callsEnded", talk_seconds::float8 AS "talkSeconds",
  leads_captured AS "leadsCaptured", leads_deferred AS "leadsDeferred", leads_blocked AS "leadsBlocked",
  time_to_call_p50_ms AS "timeToCallP50Ms", time_to_call_p90_ms AS "timeToCallP90Ms", time_to_call_samples AS "timeToCallSamples",
  cost_total::text AS "costTotal", costs_by_provider AS "costsByProvider", computed_at AS "computedAt"`;

/** Stored days summed for one dashboard point (a day, an ISO week, or the period before): what the dashboard adds up. */
export interface BucketTotals {
  calls: number;
  inbound: number;
  outboundLead: number;
  answered: number;
  ended: number;
  talkSeconds: number;
  leads: number;
  /** Σ p50 × samples, Σ p90 × samples, Σ samples: the days' percentiles weighted by how many leads were called. */
  p50Weighted: number;
  p90Weighted: number;
  samples: number;
}

/** analytics_daily_snapshots: a business's local days and Beaker's UTC days. */
@Injectable()
export class SnapshotsRepository {
  constructor(private readonly db: Database) {}

  /** Writes the day, replacing what was there (a re-run, a late report): one row per business-day. */
  async replace(s: SnapshotFigures): Promise<void> {
    const conflict = s.businessId ? '(business_id, day) WHERE business_id IS NOT NULL' : '(day) WHERE business_id IS NULL';
    await this.db.execute(
      `INSERT INTO analytics_daily_snapshots (business_id, day, time_zone, calls_inbound, calls_outbound_trial, calls_outbound_lead,
         calls_answered, calls_ended, talk_seconds, leads_captured, leads_deferred, leads_blocked,
         time_to_call_p50_ms, time_to_call_p90_ms, time_to_call_samples, cost_total, costs_by_provider, computed_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)
       ON CONFLICT ${conflict} DO UPDATE SET
         time_zone = EXCLUDED.time_zone, calls_inbound = EXCLUDED.calls_inbound, calls_outbound_trial = EXCLUDED.calls_outbound_trial,
         calls_outbound_lead = EXCLUDED.calls_outbound_lead, calls_answered = EXCLUDED.calls_answered, calls_ended = EXCLUDED.calls_ended,
         talk_seconds = EXCLUDED.talk_seconds, leads_captured = EXCLUDED.leads_captured, leads_deferred = EXCLUDED.leads_deferred,
         leads_blocked = EXCLUDED.leads_blocked, time_to_call_p50_ms = EXCLUDED.time_to_call_p50_ms,
         time_to_call_p90_ms = EXCLUDED.time_to_call_p90_ms, time_to_call_samples = EXCLUDED.time_to_call_samples,
         cost_total = EXCLUDED.cost_total, costs_by_provider = EXCLUDED.costs_by_provider, computed_at = EXCLUDED.computed_at`,
      [
        s.businessId,
        s.day,
        s.timeZone,
        s.callsInbound,
        s.callsOutboundTrial,
        s.callsOutboundLead,
        s.callsAnswered,
        s.callsEnded,
        s.talkSeconds,
        s.leadsCaptured,
        s.leadsDeferred,
        s.leadsBlocked,
        s.timeToCallP50Ms,
        s.timeToCallP90Ms,
        s.timeToCallSamples,
        s.costTotal,
        JSON.stringify(s.costsByProvider),
        s.computedAt,
      ],
    );
  }

  /** A business's days (businessId null: the global days) in [fromDay, toDay], oldest first. */
  range(businessId: string | null, fromDay: string, toDay: string): Promise<SnapshotFigures[]> {
    return businessId
      ? this.db.query(`SELECT ${COLUMNS} FROM analytics_daily_snapshots WHERE business_id = $1 AND day BETWEEN $2 AND $3 ORDER BY day`, [businessId, fromDay, toDay])
      : this.db.query(`SELECT ${COLUMNS} FROM analytics_daily_snapshots WHERE business_id IS NULL AND day BETWEEN $1 AND $2 ORDER BY day`, [fromDay, toDay]);
  }

  /**
   * A business's stored days from `fromDay` to `toDay` summed per dashboard point: each day, or
   * each ISO week (its Monday), from `currentFrom` on; the days before `currentFrom` in one bucket,
   * `previous`. Only what the dashboard adds up is read (no costs, no jsonb): a year by day is 366
   * small rows, by week 54. A point with no stored day is absent.
   */
  dashboardBuckets(businessId: string, fromDay: string, currentFrom: string, toDay: string, interval: 'day' | 'week'): Promise<(BucketTotals & { bucket: string })[]> {
    const samples = `CASE WHEN time_to_call_p50_ms IS NULL THEN 0 ELSE time_to_call_samples END`;
    const point = interval === 'week' ? `date_trunc('week', day)` : 'day';
    return this.db.prepared<BucketTotals & { bucket: string }>(
      `analytics-dashboard-buckets-${interval}`,
      `SELECT CASE WHEN day < $3 THEN 'previous' ELSE to_char(${point}, 'YYYY-MM-DD') END AS bucket,
              sum(calls_inbound + calls_outbound_trial + calls_outbound_lead)::int AS calls,
              sum(calls_inbound)::int AS inbound,
              sum(calls_outbound_lead)::int AS "outboundLead",
              sum(calls_answered)::int AS answered,
              sum(calls_ended)::int AS ended,
              sum(talk_seconds)::float8 AS "talkSeconds",
              sum(leads_captured)::int AS leads,
              sum(COALESCE(time_to_call_p50_ms, 0)::float8 * ${samples}) AS "p50Weighted",
              sum(COALESCE(time_to_call_p90_ms, 0)::float8 * ${samples}) AS "p90Weighted",
              sum(${samples})::int AS samples
         FROM analytics_daily_snapshots
        WHERE business_id = $1 AND day BETWEEN $2::date AND $4::date
        GROUP BY 1`,
      [businessId, fromDay, currentFrom, toDay],
    ).then((r) => r.rows);
  }

  /** When each of these businesses' days in [fromDay, toDay] was last computed. */
  computedAt(businessIds: string[], fromDay: string, toDay: string): Promise<{ businessId: string; day: string; computedAt: Date }[]> {
    return this.db.query(
      `SELECT business_id AS "businessId", to_char(day, 'YYYY-MM-DD') AS day, computed_at AS "computedAt"
         FROM analytics_daily_snapshots WHERE business_id = ANY($1::uuid[]) AND day BETWEEN $2 AND $3`,
      [businessIds, fromDay, toDay],
    );
  }
}
