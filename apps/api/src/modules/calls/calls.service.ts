import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { CallDirection, CallStatus } from '@beaker/contracts';
import { Clock } from '../../common/clock';
import { queryRows } from '../../database/query-rows';
import { CallOutcome } from './call-outcome';
import { isForwardMove, isTerminal, OPEN_STATUS_ORDER } from './call-status';
import { CallStatusChange, CallStatusNotifier } from './call-status-notifier';
import { Call } from './entities/call.entity';

export interface NewCall {
  direction: CallDirection;
  /** Exactly one of trialId and businessId (the database checks it). */
  trialId?: string | null;
  businessId?: string | null;
  toE164: string;
  fromE164?: string | null;
  vapiCallId?: string | null;
  twilioCallSid?: string | null;
}

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const COLUMNS = `id, status, direction, trial_id AS "trialId", business_id AS "businessId", to_e164 AS "toE164", from_e164 AS "fromE164",
  vapi_call_id AS "vapiCallId", twilio_call_sid AS "twilioCallSid", ended_reason AS "endedReason", created_at AS "createdAt"`;
// The order of open statuses, for "only forward" in SQL.
const OPEN_ORDER_SQL = `ARRAY[${OPEN_STATUS_ORDER.map((s) => `'${s}'`).join(', ')}]::text[]`;

/**
 * Calls: created by the modules that place or receive them, moved along by provider events.
 * Every write that takes an `EntityManager` joins the caller's transaction (webhook processing
 * passes its own, so the call's changes commit with the event). Status changes are published
 * (CallStatusNotifier) by whoever commits, after the commit.
 */
@Injectable()
export class CallsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly notifier: CallStatusNotifier,
  ) {}

  /**
   * A new call, status initiated. Create it before asking the provider, and pass its id as metadata.callId.
   * One INSERT (no repository save: this is on the path from "Call me" to the ringing phone, and
   * save's change tracking cost more CPU than the statement).
   */
  async createCall(input: NewCall, manager: EntityManager = this.db.manager): Promise<Call> {
    const now = this.clock.now();
    const fields = {
      direction: input.direction,
      trialId: input.trialId ?? null,
      businessId: input.businessId ?? null,
      toE164: input.toE164,
      fromE164: input.fromE164 ?? null,
      vapiCallId: input.vapiCallId ?? null,
      twilioCallSid: input.twilioCallSid ?? null,
    };
    const [row]: { id: string }[] = await manager.query(
      `INSERT INTO calls (direction, trial_id, business_id, to_e164, from_e164, vapi_call_id, twilio_call_sid, status, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, 'initiated', $8, $8) RETURNING id`,
      [fields.direction, fields.trialId, fields.businessId, fields.toE164, fields.fromE164, fields.vapiCallId, fields.twilioCallSid, now],
    );
    return Object.assign(new Call(), {
      ...fields,
      id: row.id,
      status: 'initiated' as const,
      endedReason: null,
      durationSeconds: null,
      transcript: null,
      recordingUrl: null,
      summary: null,
      extractedLead: null,
      costTotal: null,
      costBreakdown: null,
      startedAt: null,
      endedAt: null,
      createdAt: now,
      updatedAt: now,
    });
  }

  /** Records the provider's ids once the call is placed (never overwrites one already known). */
  async recordProviderIds(callId: string, ids: { vapiCallId?: string; twilioCallSid?: string }, manager: EntityManager = this.db.manager): Promise<void> {
    await manager.query(
      `UPDATE calls SET vapi_call_id = COALESCE(vapi_call_id, $2), twilio_call_sid = COALESCE(twilio_call_sid, $3), updated_at = $4 WHERE id = $1`,
      [callId, ids.vapiCallId ?? null, ids.twilioCallSid ?? null, this.clock.now()],
    );
  }

  /** The call an event is about, locked until the transaction ends: by our id first, else by the provider's. */
  async lockCall(manager: EntityManager, by: { callId?: string; vapiCallId?: string; twilioCallSid?: string }): Promise<CallRow | null> {
    if (by.callId && UUID.test(by.callId)) {
      const [row] = await manager.query(`SELECT ${COLUMNS} FROM calls WHERE id = $1 FOR UPDATE`, [by.callId]);
      if (row) return row as CallRow;
    }
    if (by.vapiCallId) {
      const [row] = await manager.query(`SELECT ${COLUMNS} FROM calls WHERE vapi_call_id = $1 FOR UPDATE`, [by.vapiCallId]);
      if (row) return row as CallRow;
    }
    if (by.twilioCallSid) {
      const [row] = await manager.query(`SELECT ${COLUMNS} FROM calls WHERE twilio_call_sid = $1 FOR UPDATE`, [by.twilioCallSid]);
      if (row) return row as CallRow;
    }
    return null;
  }

  /**
   * Moves an open call forward to an open status (ringing, in_progress). The WHERE clause keeps
   * it monotonic even without the lock: never backwards, never out of completed or failed.
   */
  async advance(
    manager: EntityManager,
    call: CallRow,
    to: CallStatus,
    extra: { vapiCallId?: string; twilioCallSid?: string } = {},
  ): Promise<CallStatusChange | null> {
    if (isTerminal(to)) throw new Error(`advance() moves to open statuses only, not ${to}`);
    await this.attachIds(manager, call, extra);
    if (!isForwardMove(call.status, to)) return null;
    const now = this.clock.now();
    const rows = await queryRows<{ id: string }>(
      manager,
      `UPDATE calls SET status = $2, updated_at = $3,
         started_at = CASE WHEN $2 = 'in_progress' THEN COALESCE(started_at, $3) ELSE started_at END
       WHERE id = $1 AND status NOT IN ('completed', 'failed')
         AND array_position(${OPEN_ORDER_SQL}, status) < array_position(${OPEN_ORDER_SQL}, $2::text)
       RETURNING id`,
      [call.id, to, now],
    );
    if (rows.length === 0) return null;
    call.status = to;
    return this.change(call, now);
  }

  /** The provider says the call ended, before its report: keep the reason, leave the status to the report. */
  async recordEndedReason(manager: EntityManager, call: CallRow, reason: string): Promise<void> {
    await manager.query(`UPDATE calls SET ended_reason = COALESCE(ended_reason, $2), updated_at = $3 WHERE id = $1`, [call.id, reason, this.clock.now()]);
  }

  /**
   * How the call ended (the report, or the provider's answer to reconciliation). The details are
   * written whenever they come; the status only if the call had not ended yet.
   */
  async finish(manager: EntityManager, call: CallRow, outcome: CallOutcome, extra: { vapiCallId?: string } = {}): Promise<CallStatusChange | null> {
    const now = this.clock.now();
    const wasOpen = !isTerminal(call.status);
    const [row] = await queryRows<{ status: CallStatus; endedReason: string | null }>(
      manager,
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
        call.id,
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
        extra.vapiCallId ?? null,
        now,
      ],
    );
    if (!row || !wasOpen) return null;
    call.status = row.status;
    call.endedReason = row.endedReason;
    return this.change(call, now);
  }

  /** Ends an open call as failed with our reason (reconciliation, placement errors); an ended call is left alone. */
  async fail(manager: EntityManager, call: CallRow, reason: string, extra: { durationSeconds?: number } = {}): Promise<CallStatusChange | null> {
    const now = this.clock.now();
    const rows = await queryRows(
      manager,
      `UPDATE calls SET status = 'failed', ended_reason = $2, ended_at = COALESCE(ended_at, $3), updated_at = $3,
         duration_seconds = COALESCE(duration_seconds, $4)
       WHERE id = $1 AND status NOT IN ('completed', 'failed') RETURNING id`,
      [call.id, reason, now, extra.durationSeconds ?? null],
    );
    if (rows.length === 0) return null;
    call.status = 'failed';
    call.endedReason = reason;
    return this.change(call, now);
  }

  /** Fails an open call in a transaction of its own and announces it (e.g. the provider refused to place it). */
  async failCall(callId: string, reason: string): Promise<CallStatusChange | null> {
    const change = await this.db.transaction(async (manager) => {
      const call = await this.lockCall(manager, { callId });
      return call ? this.fail(manager, call, reason) : null;
    });
    await this.publish(change);
    return change;
  }

  /** Ends an open call as completed (a pure-Twilio call's final callback). */
  async complete(manager: EntityManager, call: CallRow, reason: string, extra: { durationSeconds?: number } = {}): Promise<CallStatusChange | null> {
    const now = this.clock.now();
    const rows = await queryRows(
      manager,
      `UPDATE calls SET status = 'completed', ended_reason = COALESCE(ended_reason, $2), ended_at = COALESCE(ended_at, $3), updated_at = $3,
         duration_seconds = COALESCE(duration_seconds, $4)
       WHERE id = $1 AND status NOT IN ('completed', 'failed') RETURNING id`,
      [call.id, reason, now, extra.durationSeconds ?? null],
    );
    if (rows.length === 0) return null;
    call.status = 'completed';
    return this.change(call, now);
  }

  /** Publishes a change; call it after the transaction that made it committed. */
  publish(change: CallStatusChange | null): Promise<void> {
    return change ? this.notifier.publish(change) : Promise.resolve();
  }

  private async attachIds(manager: EntityManager, call: CallRow, ids: { vapiCallId?: string; twilioCallSid?: string }): Promise<void> {
    const vapi = !call.vapiCallId && ids.vapiCallId ? ids.vapiCallId : null;
    const twilio = !call.twilioCallSid && ids.twilioCallSid ? ids.twilioCallSid : null;
    if (!vapi && !twilio) return;
    await manager.query(`UPDATE calls SET vapi_call_id = COALESCE(vapi_call_id, $2), twilio_call_sid = COALESCE(twilio_call_sid, $3) WHERE id = $1`, [
      call.id,
      vapi,
      twilio,
    ]);
    call.vapiCallId ??= vapi;
    call.twilioCallSid ??= twilio;
  }

  private change(call: CallRow, at: Date): CallStatusChange {
    return { callId: call.id, status: call.status, endedReason: call.endedReason, trialId: call.trialId, businessId: call.businessId, at: at.toISOString() };
  }
}
