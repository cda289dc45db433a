import { Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { OPEN_CALL_STATUSES, type CallDirection, type CallStatus, type InboundRoute } from '@beaker/contracts';
import { Database, type Tx } from '../../database/database';
import { MATCH, type MatchRank, type SearchTerms } from '../../common/staff-search/search-terms';
import type { CallOutcome } from './call-outcome';
import { Call } from './entities/call.entity';

const TWILIO_CALL_SID = /^CA[0-9a-fA-F]{32}$/;

/** The columns event handling needs, read under a row lock. */
export interface CallRow {
  id: string;
  status: CallStatus;
  direction: CallDirection;
  trialId: string | null;
  businessId: string | null;
  toE164: string;
  fromE164: string | null;
  vapiCallId: string | null;
  twilioCallSid: string | null;
  endedReason: string | null;
  createdAt: Date;
}

export interface CallInsert {
  direction: CallDirection;
  trialId: string | null;
  businessId: string | null;
  toE164: string;
  fromE164: string | null;
  vapiCallId: string | null;
  twilioCallSid: string | null;
}

const COLUMNS = `id, status, direction, trial_id AS "trialId", business_id AS "businessId", to_e164 AS "toE164", from_e164 AS "fromE164",
  vapi_call_id AS "vapiCallId", twilio_call_sid AS "twilioCallSid", ended_reason AS "endedReason", created_at AS "createdAt"`;
// The order of open statuses, for "only forward" in SQL.
const OPEN_ORDER_SQL = `ARRAY[${OPEN_CALL_STATUSES.map((s) => `'${s}'`).join(', ')}]::text[]`;
// `status IN ('initiated', 'ringing', 'in_progress')`: the same text as the partial indexes' predicate.
const IS_OPEN_SQL = `status IN (${OPEN_CALL_STATUSES.map((s) => `'${s}'`).join(', ')})`;

/** A business's call list filters (validated by the caller); `cursor` is a position from a previous page. */
export interface BusinessCallFilters {
  direction?: CallDirection;
  status?: CallStatus;
  from?: Date | null;
  to?: Date | null;
  cursor?: { at: string; id: string } | null;
  limit: number;
}

/** What the calls of a range add up to (sums of numeric columns as text: no float rounding). */
export interface CallActivityRow {
  inbound: number;
  outboundTrial: number;
  outboundLead: number;
  answered: number;
  ended: number;
  talkSeconds: string;
  costTotal: string;
  costs: { provider: string; amount: string }[];
  lastChangeAt: Date | null;
}

/** Timestamps come as ISO text from Postgres (no Date parsing and re-printing per row), under names that do not shadow the columns in ORDER BY. */
export interface CallListRow {
  id: string;
  direction: CallDirection;
  status: CallStatus;
  from_e164: string | null;
  to_e164: string;
  created: string;
  started: string | null;
  ended: string | null;
  duration_seconds: number | null;
  ended_reason: string | null;
  summary: string | null;
  caller_name: string | null;
  inbound_route: InboundRoute | null;
  /** created_at to the microsecond: the cursor must not lose precision. */
  cursor_at: string;
}

const ISO_MS = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', ${ISO_MS})`;

/** `calls`: every call, whoever placed or received it. Writes that take `tx` join the caller's transaction. */
@Injectable()
export class CallsRepository {
  constructor(private readonly db: Database) {}

  /** One INSERT, status initiated (this is on the path from "Call me" to the ringing phone). */
  async insert(call: CallInsert, now: Date, tx?: Tx): Promise<string> {
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO calls (direction, trial_id, business_id, to_e164, from_e164, vapi_call_id, twilio_call_sid, status, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'initiated', $8, $8) RETURNING id`,
      [call.direction, call.trialId, call.businessId, call.toE164, call.fromE164, call.vapiCallId, call.twilioCallSid, now],
      tx,
    );
    return row.id;
  }

  /** The provider's ids, never overwriting one already known. */
  async recordProviderIds(callId: string, ids: { vapiCallId: string | null; twilioCallSid: string | null }, now: Date | null, tx?: Tx): Promise<void> {
    await this.db.execute(
      now
        ? `UPDATE calls SET vapi_call_id = COALESCE(vapi_call_id, $2), twilio_call_sid = COALESCE(twilio_call_sid, $3), updated_at = $4 WHERE id = $1`
        : `UPDATE calls SET vapi_call_id = COALESCE(vapi_call_id, $2), twilio_call_sid = COALESCE(twilio_call_sid, $3) WHERE id = $1`,
      now ? [callId, ids.vapiCallId, ids.twilioCallSid, now] : [callId, ids.vapiCallId, ids.twilioCallSid],
      tx,
    );
  }

  /** The call, locked until `tx` ends. */
  lockById(callId: string, tx: Tx): Promise<CallRow | null> {
    return this.db.one<CallRow>(`SELECT ${COLUMNS} FROM calls WHERE id = $1 FOR UPDATE`, [callId], tx);
  }

  lockByVapiId(vapiCallId: string, tx: Tx): Promise<CallRow | null> {
    return this.db.one<CallRow>(`SELECT ${COLUMNS} FROM calls WHERE vapi_call_id = $1 FOR UPDATE`, [vapiCallId], tx);
  }

  lockByTwilioSid(twilioCallSid: string, tx: Tx): Promise<CallRow | null> {
    return this.db.one<CallRow>(`SELECT ${COLUMNS} FROM calls WHERE twilio_call_sid = $1 FOR UPDATE`, [twilioCallSid], tx);
  }

  /** Moves an open call forward to an open status; false when it is not behind `to` (never backwards, never out of an end). */
  async advance(callId: string, to: CallStatus, now: Date, tx: Tx): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE calls SET status = $2, updated_at = $3,
         started_at = CASE WHEN $2 = 'in_progress' THEN COALESCE(started_at, $3) ELSE started_at END
       WHERE id = $1 AND status NOT IN ('completed', 'failed')
         AND array_position(${OPEN_ORDER_SQL}, status) < array_position(${OPEN_ORDER_SQL}, $2::text)
       RETURNING id`,
      [callId, to, now],
      tx,
    );
    return rows.length > 0;
  }

  async recordEndedReason(callId: string, reason: string, now: Date, tx: Tx): Promise<void> {
    await this.db.execute(`UPDATE calls SET ended_reason = COALESCE(ended_reason, $2), updated_at = $3 WHERE id = $1`, [callId, reason, now], tx);
  }

  /** Writes how the call ended; the status only if it had not ended yet. Answers the status and reason as they stand. */
  finish(callId: string, outcome: CallOutcome, vapiCallId: string | null, now: Date, tx: Tx): Promise<{ status: CallStatus; endedReason: string | null } | null> {
    return this.db.one(
      `UPDATE calls SET
         status = CASE WHEN status IN ('completed', 'failed') THEN status ELSE $2 END,
         ended_reason = COALESCE($3, ended_reason),
         transcript = COALESCE($4::jsonb, transcript),
         recording_url = COALESCE($5, recording_url),
         summary = COALESCE($6, summary),
         extracted_lead = COALESCE($7::jsonb, extracted_lead),
         duration_seconds = COALESCE($8, duration_seconds),
         cost_total = COALESCE($9, cost_total),
         cost_breakdown = COALESCE($10::jsonb, cost_breakdown),
         started_at = COALESCE(started_at, $11),
         ended_at = COALESCE($12, ended_at, $14),
         vapi_call_id = COALESCE(vapi_call_id, $13),
         updated_at = $14
       WHERE id = $1
       RETURNING status, ended_reason AS "endedReason"`,
      [
        callId,
        outcome.status,
        outcome.endedReason,
        outcome.transcript ? JSON.stringify(outcome.transcript) : null,
        outcome.recordingUrl,
        outcome.summary,
        outcome.extractedLead ? JSON.stringify(outcome.extractedLead) : null,
        outcome.durationSeconds,
        outcome.costTotal,
        outcome.costBreakdown ? JSON.stringify(outcome.costBreakdown) : null,
        outcome.startedAt,
        outcome.endedAt,
        vapiCallId,
        now,
      ],
      tx,
    );
  }

  /** Ends an open call with this status and reason; false when it had ended already. */
  async end(callId: string, status: 'completed' | 'failed', reason: string, durationSeconds: number | null, now: Date, tx: Tx): Promise<boolean> {
    const rows = await this.db.query(
      status === 'failed'
        ? `UPDATE calls SET status = 'failed', ended_reason = $2, ended_at = COALESCE(ended_at, $3), updated_at = $3,
             duration_seconds = COALESCE(duration_seconds, $4)
           WHERE id = $1 AND status NOT IN ('completed', 'failed') RETURNING id`
        : `UPDATE calls SET status = 'completed', ended_reason = COALESCE(ended_reason, $2), ended_at = COALESCE(ended_at, $3), updated_at = $3,
             duration_seconds = COALESCE(duration_seconds, $4)
           WHERE id = $1 AND status NOT IN ('completed', 'failed') RETURNING id`,
      [callId, reason, now, durationSeconds],
      tx,
    );
    return rows.length > 0;
  }

  /** Calls still open that were created before `before`, oldest first. */
  findOpenCreatedBefore(before: Date, limit: number): Promise<{ id: string; vapi_call_id: string | null; created_at: Date }[]> {
    return this.db.query(
      `SELECT id, vapi_call_id, created_at FROM calls
       WHERE ${IS_OPEN_SQL} AND created_at < $1
       ORDER BY created_at LIMIT ${Number(limit)}`,
      [before],
    );
  }

  /** The status and reason of a call, unlocked (live status streams re-read it). */
  state(callId: string): Promise<{ status: CallStatus; endedReason: string | null } | null> {
    return this.db.one(`SELECT status, ended_reason AS "endedReason" FROM calls WHERE id = $1`, [callId]);
  }

  findByIds(callIds: string[]): Promise<Call[]> {
    if (callIds.length === 0) return Promise.resolve([]);
    return this.db.repository(Call).find({ where: { id: In(callIds) } });
  }

  find(callId: string, tx?: Tx): Promise<Call | null> {
    return this.db.repository(Call, tx).findOne({ where: { id: callId } });
  }

  /** Whether a trial has a call still open (its one call at a time). */
  async hasOpenCallForTrial(trialId: string, tx?: Tx): Promise<boolean> {
    return (await this.db.one(`SELECT 1 FROM calls WHERE trial_id = $1 AND ${IS_OPEN_SQL} LIMIT 1`, [trialId], tx)) !== null;
  }

  /** The newest call of each of these trials. */
  async latestForTrials(trialIds: string[]): Promise<Map<string, string>> {
    if (trialIds.length === 0) return new Map();
    const rows = await this.db.query<{ trialId: string; id: string }>(
      `SELECT DISTINCT ON (trial_id) trial_id AS "trialId", id FROM calls WHERE trial_id = ANY($1::uuid[]) ORDER BY trial_id, created_at DESC, id DESC`,
      [trialIds],
    );
    return new Map(rows.map((r) => [r.trialId, r.id]));
  }

  /**
   * A business's calls, newest first, with optional filters; keyset pagination on (created_at,
   * id) so every page costs the same at any depth. The indexes (business_id, [direction | status,]
   * created_at DESC, id DESC) serve each filter; the list never reads transcripts. Read on every
   * dashboard visit and by integrators' polling: a prepared statement per shape of filters.
   */
  async listForBusiness(businessId: string, filters: BusinessCallFilters): Promise<CallListRow[]> {
    const where = ['business_id = $1'];
    const params: unknown[] = [businessId];
    // The statement's shape (which filters) names it: each shape is planned once per connection.
    let shape = '';
    const add = (clause: (n: string) => string, value: unknown, flag: string) => {
      params.push(value);
      where.push(clause(`$${params.length}`));
      shape += flag;
    };
    if (filters.direction) add((p) => `direction = ${p}`, filters.direction, 'd');
    if (filters.status) add((p) => `status = ${p}`, filters.status, 's');
    if (filters.from) add((p) => `created_at >= ${p}`, filters.from.toISOString(), 'f');
    if (filters.to) add((p) => `created_at < ${p}`, filters.to.toISOString(), 't');
    if (filters.cursor) {
      params.push(filters.cursor.at, filters.cursor.id);
      where.push(`(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
      shape += 'c';
    }
    params.push(filters.limit + 1);
    const { rows } = await this.db.prepared<CallListRow>(
      `business-calls-list:${shape}`,
      `SELECT id, direction, status, from_e164, to_e164, ${iso('created_at')} AS created, ${iso('started_at')} AS started,
              ${iso('ended_at')} AS ended, duration_seconds, ended_reason, summary,
              extracted_lead->>'name' AS caller_name, inbound_route,
              to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at
         FROM calls
        WHERE ${where.join(' AND ')}
        ORDER BY created_at DESC, id DESC
        LIMIT $${params.length}`,
      params,
    );
    return rows;
  }

  /**
   * What a business's calls (or everyone's, businessId null) created in [from, to) add up to: counts
   * by direction, how many were answered (completed) of those ended, talk time, costs by provider
   * (the reports' breakdown, in dollars), and the latest change to any of them (a late report moves it).
   * An owner's test calls (`outbound_test`) are no customer's: left out of the counts, answer rate and
   * talk time, kept in the costs (they cost what any call costs).
   */
  async activityIn(businessId: string | null, from: Date, to: Date): Promise<CallActivityRow> {
    const scope = businessId ? 'business_id = $3 AND ' : '';
    const params: unknown[] = businessId ? [from, to, businessId] : [from, to];
    const totals = await this.db.one<Omit<CallActivityRow, 'costs'>>(
      `SELECT count(*) FILTER (WHERE direction = 'inbound')::int AS "inbound",
              count(*) FILTER (WHERE direction = 'outbound_trial')::int AS "outboundTrial",
              count(*) FILTER (WHERE direction = 'outbound_lead')::int AS "outboundLead",
              count(*) FILTER (WHERE status = 'completed' AND direction <> 'outbound_test')::int AS "answered",
              count(*) FILTER (WHERE status IN ('completed', 'failed') AND direction <> 'outbound_test')::int AS "ended",
              COALESCE(sum(duration_seconds) FILTER (WHERE direction <> 'outbound_test'), 0)::text AS "talkSeconds",
              COALESCE(sum(cost_total), 0)::text AS "costTotal",
              max(updated_at) AS "lastChangeAt"
         FROM calls WHERE ${scope}created_at >= $1 AND created_at < $2`,
      params,
    );
    const costs = await this.db.query<{ provider: string; amount: string }>(
      `SELECT c.key AS provider, sum(c.value::numeric)::text AS amount
         FROM calls, jsonb_each_text(calls.cost_breakdown) AS c
        WHERE ${scope}created_at >= $1 AND created_at < $2 AND cost_breakdown IS NOT NULL AND jsonb_typeof(cost_breakdown) = 'object'
        GROUP BY c.key ORDER BY c.key`,
      params,
    );
    return { ...totals!, costs };
  }

  /** Per trial with a call: its first trial call placed, and its first one answered (completed). */
  trialCallOutcomes(trialIds: readonly string[]): Promise<{ trial_id: string; placed_at: Date; answered_at: Date | null }[]> {
    if (trialIds.length === 0) return Promise.resolve([]);
    return this.db.query(
      `SELECT trial_id, min(created_at) AS placed_at, min(created_at) FILTER (WHERE status = 'completed') AS answered_at
         FROM calls WHERE trial_id = ANY($1::uuid[]) AND direction = 'outbound_trial'
        GROUP BY trial_id`,
      [trialIds],
    );
  }

  /**
   * Retention: clears the recording URL and transcript of up to `limit` of a business's calls
   * created before `before`. `updated_at` is left alone: it tells analytics a day's figures changed,
   * and none of them did.
   */
  clearRecordingsBefore(businessId: string, before: Date, limit: number): Promise<number> {
    return this.db.execute(
      `UPDATE calls SET recording_url = NULL, transcript = NULL WHERE id IN (
         SELECT id FROM calls WHERE business_id = $1 AND created_at < $2 AND (recording_url IS NOT NULL OR transcript IS NOT NULL) LIMIT $3)`,
      [businessId, before, limit],
    );
  }

  /** The latest change to a business's calls created in [from, to) (null: none). */
  async lastChangeIn(businessId: string, from: Date, to: Date): Promise<Date | null> {
    const row = await this.db.one<{ at: Date | null }>(`SELECT max(updated_at) AS at FROM calls WHERE business_id = $1 AND created_at >= $2 AND created_at < $3`, [businessId, from, to]);
    return row?.at ?? null;
  }

  /** An inbound call, once per Vapi call id: null when that call is on file already. */
  insertInbound(call: { businessId: string; to: string; from: string | null; vapiCallId: string }, now: Date, tx: Tx): Promise<string | null> {
    return this.db
      .one<{ id: string }>(
        `INSERT INTO calls (business_id, direction, status, to_e164, from_e164, vapi_call_id, created_at, updated_at)
         VALUES ($1, 'inbound', 'initiated', $2, $3, $4, $5, $5)
         ON CONFLICT (vapi_call_id) WHERE vapi_call_id IS NOT NULL DO NOTHING
         RETURNING id`,
        [call.businessId, call.to, call.from, call.vapiCallId, now],
        tx,
      )
      .then((row) => row?.id ?? null);
  }

  async setInboundRoute(callId: string, route: InboundRoute, tx: Tx): Promise<void> {
    await this.db.execute(`UPDATE calls SET inbound_route = $2 WHERE id = $1`, [callId, route], tx);
  }

  /** A caller's answered inbound calls to a business (assistant or fallback) since `dayStart`, and since `hourStart` (calls_inbound_caller_created_idx). */
  async answeredInboundFrom(businessId: string, caller: string, hourStart: Date, dayStart: Date, tx: Tx): Promise<{ lastHour: number; lastDay: number }> {
    const row = await this.db.one<{ last_hour: number; last_day: number }>(
      `SELECT count(*) FILTER (WHERE created_at >= $3)::int AS last_hour, count(*)::int AS last_day
         FROM calls
        WHERE business_id = $1 AND direction = 'inbound' AND from_e164 = $2 AND created_at >= $4 AND inbound_route IN ('assistant', 'fallback')`,
      [businessId, caller, hourStart, dayStart],
      tx,
    );
    return { lastHour: row?.last_hour ?? 0, lastDay: row?.last_day ?? 0 };
  }

  /** Inbound calls to a business since `since`, whoever answered (calls_business_direction_created_idx). */
  async inboundSince(businessId: string, since: Date, tx: Tx): Promise<number> {
    const row = await this.db.one<{ n: number }>(
      `SELECT count(*)::int AS n FROM calls WHERE business_id = $1 AND direction = 'inbound' AND created_at >= $2`,
      [businessId, since],
      tx,
    );
    return row?.n ?? 0;
  }

  findInboundByVapiId(vapiCallId: string, tx: Tx): Promise<{ id: string; inbound_route: InboundRoute | null } | null> {
    return this.db.one(`SELECT id, inbound_route FROM calls WHERE vapi_call_id = $1`, [vapiCallId], tx);
  }

  /** Staff search: by id, Vapi call id or Twilio call sid (each a unique btree key): at most two index probes. */
  staffSearch(terms: SearchTerms): Promise<{ id: string; direction: CallDirection; status: CallStatus; to_e164: string; from_e164: string | null; vapi_call_id: string | null; twilio_call_sid: string | null; created_at: Date; rank: MatchRank }[]> {
    const cols = `id, direction, status, to_e164, from_e164, vapi_call_id, twilio_call_sid, created_at, ${MATCH.exact} AS rank`;
    // Vapi's call ids are UUIDs, Twilio's call sids `CA` + 32 hex digits: other text cannot be a call's key.
    if (terms.uuid) return this.db.query(`(SELECT ${cols} FROM calls WHERE id = $1::uuid) UNION ALL (SELECT ${cols} FROM calls WHERE vapi_call_id = $2)`, [terms.uuid, terms.raw]);
    if (TWILIO_CALL_SID.test(terms.raw)) return this.db.query(`SELECT ${cols} FROM calls WHERE twilio_call_sid = $1`, [terms.raw]);
    return Promise.resolve([]);
  }
  /**
   * Calls' costs per provider per UTC day over [from, to) (calls_created_idx): each call's cost
   * breakdown, or its total as `unattributed` when it has none. Trial calls included.
   */
  costsByProviderPerDay(from: Date, to: Date): Promise<{ day: string; provider: string; calls: number; cost: string }[]> {
    return this.db.query(
      `SELECT to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD') AS day, e.provider, count(*)::int AS calls, sum(e.amount)::text AS cost
         FROM calls c
         CROSS JOIN LATERAL (
           SELECT key AS provider, value::text::numeric AS amount
             FROM jsonb_each(CASE WHEN jsonb_typeof(c.cost_breakdown) = 'object' THEN c.cost_breakdown ELSE '{}'::jsonb END)
            WHERE jsonb_typeof(value) = 'number'
           UNION ALL
           SELECT 'unattributed', c.cost_total WHERE c.cost_total IS NOT NULL AND (c.cost_breakdown IS NULL OR c.cost_breakdown = '{}'::jsonb)
         ) e
        WHERE c.created_at >= $1 AND c.created_at < $2
        GROUP BY 1, 2
        ORDER BY 1, 2`,
      [from, to],
    );
  }

  async countBetween(from: Date, to: Date): Promise<number> {
    return (await this.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM calls WHERE created_at >= $1 AND created_at < $2`, [from, to]))?.n ?? 0;
  }

  /** Businesses' calls and their costs (US dollars, as text: numeric) over [from, to); `businessId` narrows it to one. */
  costsByBusiness(from: Date, to: Date, businessId?: string): Promise<{ business_id: string; calls: number; cost: string }[]> {
    return this.db.query(
      `SELECT business_id, count(*)::int AS calls, COALESCE(sum(cost_total), 0)::text AS cost
         FROM calls
        WHERE created_at >= $1 AND created_at < $2 AND business_id IS NOT NULL AND ($3::uuid IS NULL OR business_id = $3::uuid)
        GROUP BY business_id`,
      [from, to, businessId ?? null],
    );
  }
}
