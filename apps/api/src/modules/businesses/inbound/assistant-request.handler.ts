import { Injectable, Logger } from '@nestjs/common';
import { INBOUND_CALLER_LIMITS, PAST_DUE_GRACE_DAYS, type InboundRoute } from '@beaker/contracts';
import { Clock } from '../../../common/clock';
import { RateLimiter, type RateLimitRule } from '../../../common/rate-limit/rate-limiter';
import { AppConfig } from '../../../config/app-config';
import { Database } from '../../../database/database';
import { vapiAssistantBody } from '../../../integrations/vapi/vapi.assistant';
import { CallsService } from '../../calls';
import { DoNotCallService } from '../../compliance';
import { AbuseLog, type AbuseReport } from '../../trials';
import { WebhookResponder } from '../../webhooks';
import { fallbackAssistantSpec, NOT_IN_SERVICE_MESSAGE, readBusinessPersona, refusalMessage, tooManyCallsMessage, type BusinessPersona } from '../assistant/business-persona';
import { BusinessesRepository } from '../persistence/businesses.repository';

/** Vapi's assistant-request, as much of it as routing reads (Vapi.ServerMessageAssistantRequest). */
interface AssistantRequestBody {
  message?: {
    type?: string;
    call?: { id?: string; phoneNumberId?: string; customer?: { number?: string } };
    phoneNumber?: { id?: string; number?: string };
    customer?: { number?: string };
  };
}

/** Our answer (Vapi.ServerMessageResponseAssistantRequest): a saved assistant, a transient one, or words and a hang-up. */
export type AssistantRequestAnswer =
  | { assistantId: string; assistantOverrides: { metadata: Record<string, string> } }
  | { assistant: Record<string, unknown>; assistantOverrides: { metadata: Record<string, string> } }
  | { error: string };

export interface InboundDecision {
  route: InboundRoute | 'unknown_number';
  businessId: string | null;
  callId: string | null;
  assistantId: string | null;
  persona: BusinessPersona | null;
  /** Abuse events the call raises (a caller limited, a burst), recorded once the transaction is over. */
  alarms: AbuseReport[];
}

/** One abuse event per caller and business per hour while it stays limited, and one per business per burst window: staff need the news, not every call. */
const LIMITED_CALLER_ALARM: RateLimitRule = { name: 'inbound-caller-limited-alarm', limit: 1, windowSeconds: 3600 };
const BURST_ALARM: RateLimitRule = { name: 'inbound-call-burst-alarm', limit: 1, windowSeconds: INBOUND_CALLER_LIMITS.burstWindowMinutes * 60 };

/**
 * Answers Vapi's assistant-request for inbound calls to business numbers, synchronously (Vapi
 * waits at most 7.5 s; our budget is 200 ms at p99: one transaction of a few indexed statements,
 * no provider call). Whatever happens, the caller hears something kind: the business's assistant;
 * the message-taking fallback when the business is over its plan, unpaid past the grace period,
 * canceled, or when anything fails here; a short refusal for a caller on the business's DNC list.
 */
@Injectable()
export class AssistantRequestHandler {
  private readonly logger = new Logger(AssistantRequestHandler.name);

  constructor(
    private readonly db: Database,
    private readonly businesses: BusinessesRepository,
    private readonly calls: CallsService,
    private readonly dnc: DoNotCallService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly abuse: AbuseLog,
    private readonly limiter: RateLimiter,
  ) {}

  @WebhookResponder('vapi', 'assistant-request')
  async answer(body: AssistantRequestBody): Promise<AssistantRequestAnswer> {
    const message = body?.message;
    const request = {
      dialled: message?.phoneNumber?.number ?? null,
      vapiNumberId: message?.call?.phoneNumberId ?? message?.phoneNumber?.id ?? null,
      caller: message?.customer?.number ?? message?.call?.customer?.number ?? null,
      vapiCallId: message?.call?.id ?? null,
    };
    try {
      const decision = await this.route(request);
      this.logger.log({ route: decision.route, businessId: decision.businessId, callId: decision.callId }, 'inbound call routed');
      await this.raise(decision.alarms);
      return this.answerFor(decision);
    } catch (err) {
      // Never an error to a caller: take a message even if we could not look the business up.
      this.logger.error({ vapiCallId: request.vapiCallId, err: (err as Error).message }, 'inbound routing failed; answering with the fallback');
      return this.fallback(null, null, null);
    }
  }

  /**
   * Finds the business by the dialled number, records the call, counts it against the plan, and
   * decides who answers. The call is recorded once per Vapi call id (a redelivered request records
   * nothing and so counts nothing); the usage goes up only while the business may take calls and
   * is under its plan's limit, checked on the business's locked row, so two calls racing for the
   * last included call cannot both get it. A caller already answered INBOUND_CALLER_LIMITS.perHour
   * times within the hour (or perDay within the day) by this business is declined (`limited`) and
   * not counted; one caller's calls take turns for that count (an advisory lock). A business that
   * gets INBOUND_CALLER_LIMITS.burstCalls inbound calls within burstWindowMinutes raises an alarm
   * (the calls are still answered: which of them are real customers cannot be told).
   */
  async route(request: { dialled: string | null; vapiNumberId: string | null; caller: string | null; vapiCallId: string | null }): Promise<InboundDecision> {
    const vapiCallId = request.vapiCallId;
    if (!vapiCallId) throw new Error('assistant-request without a call id');
    const now = this.clock.now();
    const graceStart = new Date(now.getTime() - PAST_DUE_GRACE_DAYS * 86_400_000);
    return this.db.transaction(async (tx) => {
      const business = await this.businesses.findByDialledNumber(request.dialled, request.vapiNumberId, tx);
      if (!business) return { route: 'unknown_number', businessId: null, callId: null, assistantId: null, persona: null, alarms: [] };
      const persona = readBusinessPersona(business.persona, { name: business.name, industry: business.industry, scenario: business.scenario });
      let callId = await this.calls.recordInbound({ businessId: business.id, to: business.dialled, from: request.caller, vapiCallId }, tx);
      let route: InboundRoute;
      const alarms: AbuseReport[] = [];
      if (callId) {
        const caller = request.caller;
        const onDnc = caller !== null && (await this.dnc.isListedByBusiness(business.id, caller, tx));
        let limited = false;
        if (!onDnc && caller !== null) {
          await this.businesses.lockInboundCaller(business.id, caller, tx);
          const answered = await this.calls.answeredInboundFrom(business.id, caller, now, tx);
          limited = answered.lastHour >= INBOUND_CALLER_LIMITS.perHour || answered.lastDay >= INBOUND_CALLER_LIMITS.perDay;
          if (limited) alarms.push({ kind: 'inbound_caller_limited', phoneE164: caller, details: { businessId: business.id, callId, answeredLastHour: answered.lastHour, answeredLastDay: answered.lastDay } });
        }
        const counted = !onDnc && !limited && (await this.businesses.countInboundCall(business.id, graceStart, now, tx));
        route = onDnc ? 'refused' : limited ? 'limited' : counted ? 'assistant' : 'fallback';
        await this.calls.setInboundRoute(callId, route, tx);
        const recent = await this.calls.inboundCallsSince(business.id, new Date(now.getTime() - INBOUND_CALLER_LIMITS.burstWindowMinutes * 60_000), tx);
        if (recent >= INBOUND_CALLER_LIMITS.burstCalls) {
          alarms.push({ kind: 'inbound_call_burst', details: { businessId: business.id, calls: recent, windowMinutes: INBOUND_CALLER_LIMITS.burstWindowMinutes } });
        }
      } else {
        // Vapi asked again for a call we already answered: the same answer, counted once.
        const earlier = await this.calls.findInbound(vapiCallId, tx);
        callId = earlier?.id ?? null;
        route = earlier?.inbound_route ?? 'fallback';
      }
      return { route, businessId: business.id, callId, assistantId: business.vapi_assistant_id, persona, alarms };
    });
  }

  /** The call's abuse events, each at most once per its window (per caller and business, or per business); never in the caller's way. */
  private async raise(alarms: AbuseReport[]): Promise<void> {
    for (const alarm of alarms) {
      try {
        const businessId = String(alarm.details?.businessId);
        const once = alarm.kind === 'inbound_call_burst' ? await this.limiter.hit(BURST_ALARM, businessId) : await this.limiter.hit(LIMITED_CALLER_ALARM, `${businessId}:${alarm.phoneE164}`);
        if (once.allowed) await this.abuse.record(alarm);
      } catch (err) {
        this.logger.warn({ kind: alarm.kind, err: (err as Error).message }, 'inbound abuse event not recorded');
      }
    }
  }

  private answerFor(decision: InboundDecision): AssistantRequestAnswer {
    switch (decision.route) {
      case 'assistant':
        return { assistantId: decision.assistantId!, assistantOverrides: { metadata: this.metadata(decision.businessId, decision.callId) } };
      case 'refused':
        return { error: refusalMessage(decision.persona) };
      case 'limited':
        return { error: tooManyCallsMessage(decision.persona) };
      case 'unknown_number':
        return { error: NOT_IN_SERVICE_MESSAGE };
      case 'fallback':
        return this.fallback(decision.persona, decision.businessId, decision.callId);
    }
  }

  private fallback(persona: BusinessPersona | null, businessId: string | null, callId: string | null): AssistantRequestAnswer {
    const spec = fallbackAssistantSpec(persona, { businessId, serverUrl: `${this.config.appUrl}/webhooks/vapi` });
    return { assistant: vapiAssistantBody(spec), assistantOverrides: { metadata: this.metadata(businessId, callId) } };
  }

  /** Rides on the call: the call's events find our row by callId before the Vapi id is known. */
  private metadata(businessId: string | null, callId: string | null): Record<string, string> {
    return { ...(callId ? { callId } : {}), ...(businessId ? { businessId } : {}) };
  }
}
