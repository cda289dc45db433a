import { Injectable, Optional } from '@nestjs/common';
import { isForwardCallMove, isTerminalCallStatus, type BusinessCallSummary, type CallDirection, type CallStatus, type InboundRoute, type Page } from '@beaker/contracts';
import { InvalidCursor } from '../../common/errors/common.errors';
import { Clock } from '../../common/clock';
import type { SearchTerms, StaffSearchMatch } from '../../common/staff-search/search-terms';
import { Database, type Tx } from '../../database/database';
import { OutboundEventsService } from '../outbound-webhooks';
import { CallEndedListener } from './call-ended.listener';
import { CallReports } from './call-reports.service';
import { CallOutcome } from './call-outcome';
import { CallStatusChange, CallStatusNotifier } from './call-status-notifier';
import { BusinessCallFilters, CallActivityRow, CallListRow, CallRow, CallsRepository } from './calls.repository';
import { Call } from './entities/call.entity';

export type { CallActivityRow, CallRow } from './calls.repository';

/** A business's call list filters; `cursor` is the `nextCursor` of a previous page. */
export type CallListQuery = Omit<BusinessCallFilters, 'cursor'> & { cursor?: string };

const MICRO_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function encodeCallCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString('base64url');
}

export function decodeCallCursor(cursor: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && typeof id === 'string' && MICRO_ISO.test(at) && UUID.test(id)) return { at, id };
  } catch {
    // fall through
  }
  throw new InvalidCursor();
}

function toSummary(r: CallListRow): BusinessCallSummary {
  return {
    id: r.id,
    direction: r.direction,
    status: r.status,
    from: r.from_e164,
    to: r.to_e164,
    createdAt: r.created,
    startedAt: r.started,
    endedAt: r.ended,
    durationSeconds: r.duration_seconds,
    endedReason: r.ended_reason,
    summary: r.summary,
    callerName: r.caller_name,
    inboundRoute: r.inbound_route,
  };
}

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

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Calls: created by the modules that place or receive them, moved along by provider events.
 * Every write that takes a `tx` joins the caller's transaction (webhook processing passes its own,
 * so the call's changes commit with the event). Status changes are published
 * (CallStatusNotifier) by whoever commits, after the commit.
 */
/** One provider's call costs on one UTC day (YYYY-MM-DD). */
export interface ProviderDayCost {
  day: string;
  provider: string;
  calls: number;
  costUsd: number;
}

/** A business's calls over a period and their cost. */
export interface BusinessCallCosts {
  businessId: string;
  calls: number;
  costUsd: number;
}

@Injectable()
export class CallsService {
  constructor(
    private readonly db: Database,
    private readonly calls: CallsRepository,
    private readonly clock: Clock,
    private readonly notifier: CallStatusNotifier,
    private readonly reports: CallReports,
    private readonly outbox: OutboundEventsService,
    @Optional() private readonly endedListener?: CallEndedListener,
  ) {}

  /** Staff search (GET /v1/admin/search): calls by id, Vapi call id or Twilio call sid. */
  async searchForStaff(terms: SearchTerms): Promise<StaffSearchMatch[]> {
    const rows = await this.calls.staffSearch(terms);
    return rows.map((c) => ({
      kind: 'call' as const,
      id: c.id,
      title: c.direction === 'inbound' ? `Inbound call from ${c.from_e164 ?? 'unknown'}` : `Call to ${c.to_e164}`,
      subtitle: [c.direction, c.status, c.created_at.toISOString(), c.vapi_call_id, c.twilio_call_sid].filter(Boolean).join(' · '),
      url: `/admin/calls/${c.id}`,
      rank: c.rank,
    }));
  }

  /** Staff's cost report: what calls cost per provider per UTC day over [from, to) (US dollars). */
  async costsByProviderPerDay(from: Date, to: Date): Promise<ProviderDayCost[]> {
    const rows = await this.calls.costsByProviderPerDay(from, to);
    return rows.map((r) => ({ day: r.day, provider: r.provider, calls: r.calls, costUsd: Number(r.cost) }));
  }

  /** How many calls were created in [from, to) (calls_created_idx). */
  countBetween(from: Date, to: Date): Promise<number> {
    return this.calls.countBetween(from, to);
  }

  /** Staff's margin report: each business's calls and what they cost over [from, to) (US dollars). */
  async costsByBusiness(from: Date, to: Date, businessId?: string): Promise<BusinessCallCosts[]> {
    const rows = await this.calls.costsByBusiness(from, to, businessId);
    return rows.map((r) => ({ businessId: r.business_id, calls: r.calls, costUsd: Number(r.cost) }));
  }

  /** For these trials, each one's first trial call placed and first answered (staff's funnel, through the trials module). */
  async trialCallOutcomes(trialIds: readonly string[]): Promise<{ trialId: string; placedAt: Date; answeredAt: Date | null }[]> {
    return (await this.calls.trialCallOutcomes(trialIds)).map((r) => ({ trialId: r.trial_id, placedAt: r.placed_at, answeredAt: r.answered_at }));
  }

  /** A new call, status initiated. Create it before asking the provider, and pass its id as metadata.callId. */
  async createCall(input: NewCall, tx?: Tx): Promise<Call> {
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
    const id = await this.calls.insert(fields, now, tx);
    return Object.assign(new Call(), {
      ...fields,
      id,
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
  recordProviderIds(callId: string, ids: { vapiCallId?: string; twilioCallSid?: string }, tx?: Tx): Promise<void> {
    return this.calls.recordProviderIds(callId, { vapiCallId: ids.vapiCallId ?? null, twilioCallSid: ids.twilioCallSid ?? null }, this.clock.now(), tx);
  }

  /** The call an event is about, locked until the transaction ends: by our id first, else by the provider's. */
  async lockCall(tx: Tx, by: { callId?: string; vapiCallId?: string; twilioCallSid?: string }): Promise<CallRow | null> {
    if (by.callId && UUID.test(by.callId)) {
      const row = await this.calls.lockById(by.callId, tx);
      if (row) return row;
    }
    if (by.vapiCallId) {
      const row = await this.calls.lockByVapiId(by.vapiCallId, tx);
      if (row) return row;
    }
    if (by.twilioCallSid) return this.calls.lockByTwilioSid(by.twilioCallSid, tx);
    return null;
  }

  /**
   * Moves an open call forward to an open status (ringing, in_progress). The statement keeps it
   * monotonic even without the lock: never backwards, never out of completed or failed.
   */
  async advance(tx: Tx, call: CallRow, to: CallStatus, extra: { vapiCallId?: string; twilioCallSid?: string } = {}): Promise<CallStatusChange | null> {
    if (isTerminalCallStatus(to)) throw new Error(`advance() moves to open statuses only, not ${to}`);
    await this.attachIds(tx, call, extra);
    if (!isForwardCallMove(call.status, to)) return null;
    const now = this.clock.now();
    if (!(await this.calls.advance(call.id, to, now, tx))) return null;
    call.status = to;
    return this.change(call, now);
  }

  /** The provider says the call ended, before its report: keep the reason, leave the status to the report. */
  recordEndedReason(tx: Tx, call: CallRow, reason: string): Promise<void> {
    return this.calls.recordEndedReason(call.id, reason, this.clock.now(), tx);
  }

  /**
   * How the call ended (the report, or the provider's answer to reconciliation). The details are
   * written whenever they come; the status only if the call had not ended yet.
   */
  async finish(tx: Tx, call: CallRow, outcome: CallOutcome, extra: { vapiCallId?: string } = {}): Promise<CallStatusChange | null> {
    const now = this.clock.now();
    const wasOpen = !isTerminalCallStatus(call.status);
    const row = await this.calls.finish(call.id, outcome, extra.vapiCallId ?? null, now, tx);
    if (!row || !wasOpen) return null;
    call.status = row.status;
    call.endedReason = row.endedReason;
    await this.ended(tx, call, outcome.endedAt ?? now, outcome);
    return this.change(call, now);
  }

  /** Ends an open call as failed with our reason (reconciliation, placement errors); an ended call is left alone. */
  async fail(tx: Tx, call: CallRow, reason: string, extra: { durationSeconds?: number } = {}): Promise<CallStatusChange | null> {
    const now = this.clock.now();
    if (!(await this.calls.end(call.id, 'failed', reason, extra.durationSeconds ?? null, now, tx))) return null;
    call.status = 'failed';
    call.endedReason = reason;
    await this.ended(tx, call, now, null);
    return this.change(call, now);
  }

  /** Fails an open call in a transaction of its own and announces it (e.g. the provider refused to place it). */
  async failCall(callId: string, reason: string): Promise<CallStatusChange | null> {
    const change = await this.db.transaction(async (tx) => {
      const call = await this.lockCall(tx, { callId });
      return call ? this.fail(tx, call, reason) : null;
    });
    await this.publish(change);
    return change;
  }

  /** Ends an open call as completed (a pure-Twilio call's final callback). */
  async complete(tx: Tx, call: CallRow, reason: string, extra: { durationSeconds?: number } = {}): Promise<CallStatusChange | null> {
    const now = this.clock.now();
    if (!(await this.calls.end(call.id, 'completed', reason, extra.durationSeconds ?? null, now, tx))) return null;
    call.status = 'completed';
    call.endedReason = reason;
    await this.ended(tx, call, now, null);
    return this.change(call, now);
  }

  /** Publishes a change; call it after the transaction that made it committed. */
  publish(change: CallStatusChange | null): Promise<void> {
    return change ? this.notifier.publish(change) : Promise.resolve();
  }

  /** Whether a trial has a call still open (a trial has one call at a time). */
  hasOpenCallForTrial(trialId: string, tx?: Tx): Promise<boolean> {
    return this.calls.hasOpenCallForTrial(trialId, tx);
  }

  /** Calls by id, in no particular order (unknown ids are left out). */
  findByIds(callIds: string[]): Promise<Call[]> {
    return this.calls.findByIds(callIds);
  }

  /** The newest call of each of these trials, by trial id. */
  latestCallIdsForTrials(trialIds: string[]): Promise<Map<string, string>> {
    return this.calls.latestForTrials(trialIds);
  }

  /** A business's calls, newest first, a page at a time. */
  /** What a business's calls (businessId null: every call, trials' too) created in [from, to) add up to (analytics). */
  activityIn(businessId: string | null, from: Date, to: Date): Promise<CallActivityRow> {
    return this.calls.activityIn(businessId, from, to);
  }

  /** The latest change to a business's calls created in [from, to): a report that came late moves it. */
  lastChangeIn(businessId: string, from: Date, to: Date): Promise<Date | null> {
    return this.calls.lastChangeIn(businessId, from, to);
  }

  async listForBusiness(businessId: string, query: CallListQuery): Promise<Page<BusinessCallSummary>> {
    const cursor = query.cursor ? decodeCallCursor(query.cursor) : null;
    const rows = await this.calls.listForBusiness(businessId, { ...query, cursor });
    const items = rows.slice(0, query.limit);
    const last = items[items.length - 1];
    return { items: items.map(toSummary), nextCursor: rows.length > query.limit && last ? encodeCallCursor(last.cursor_at, last.id) : null };
  }

  /** An inbound call's row, once per Vapi call id (null when it is on file already: a redelivered request). */
  recordInbound(call: { businessId: string; to: string; from: string | null; vapiCallId: string }, tx: Tx): Promise<string | null> {
    return this.calls.insertInbound(call, this.clock.now(), tx);
  }

  /** Who answered an inbound call (assistant, fallback, refused). */
  setInboundRoute(callId: string, route: InboundRoute, tx: Tx): Promise<void> {
    return this.calls.setInboundRoute(callId, route, tx);
  }

  /** How often this caller's inbound calls to the business were answered within the last hour and day. */
  answeredInboundFrom(businessId: string, caller: string, now: Date, tx: Tx): Promise<{ lastHour: number; lastDay: number }> {
    return this.calls.answeredInboundFrom(businessId, caller, new Date(now.getTime() - 3_600_000), new Date(now.getTime() - 86_400_000), tx);
  }

  /** Inbound calls to a business since `since` (the burst alarm). */
  inboundCallsSince(businessId: string, since: Date, tx: Tx): Promise<number> {
    return this.calls.inboundSince(businessId, since, tx);
  }

  /** The inbound call of a Vapi call id, and who answered it. */
  findInbound(vapiCallId: string, tx: Tx): Promise<{ id: string; inbound_route: InboundRoute | null } | null> {
    return this.calls.findInboundByVapiId(vapiCallId, tx);
  }

  private async attachIds(tx: Tx, call: CallRow, ids: { vapiCallId?: string; twilioCallSid?: string }): Promise<void> {
    const vapi = !call.vapiCallId && ids.vapiCallId ? ids.vapiCallId : null;
    const twilio = !call.twilioCallSid && ids.twilioCallSid ? ids.twilioCallSid : null;
    if (!vapi && !twilio) return;
    await this.calls.recordProviderIds(call.id, { vapiCallId: vapi, twilioCallSid: twilio }, null, tx);
    call.vapiCallId ??= vapi;
    call.twilioCallSid ??= twilio;
  }

  /**
   * Tells the listener (leads) that a call ended, in the transaction that ended it; a business's
   * call is also a `call.completed` webhook event (its report), in the same transaction.
   */
  private async ended(tx: Tx, call: CallRow, endedAt: Date, outcome: CallOutcome | null): Promise<void> {
    if (call.businessId) {
      const full = await this.calls.find(call.id, tx);
      if (full) await this.outbox.record(tx, { businessId: call.businessId, type: 'call.completed', data: { call: this.reports.toReport(full) }, at: endedAt });
    }
    if (!this.endedListener) return;
    await this.endedListener.callEnded({ call, endedAt, extractedLead: outcome?.extractedLead ?? null, summary: outcome?.summary ?? null }, tx);
  }

  private change(call: CallRow, at: Date): CallStatusChange {
    return { callId: call.id, status: call.status, endedReason: call.endedReason, trialId: call.trialId, businessId: call.businessId, at: at.toISOString() };
  }
}
