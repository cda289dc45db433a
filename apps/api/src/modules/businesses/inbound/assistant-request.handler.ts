import { Injectable, Logger } from '@nestjs/common';
import { PAST_DUE_GRACE_DAYS, type InboundRoute } from '@beaker/contracts';
import { Clock } from '../../../common/clock';
import { AppConfig } from '../../../config/app-config';
import { Database } from '../../../database/database';
import { vapiAssistantBody } from '../../../integrations/vapi/vapi.assistant';
import { CallsService } from '../../calls';
import { DoNotCallService } from '../../compliance';
import { WebhookResponder } from '../../webhooks';
import { fallbackAssistantSpec, NOT_IN_SERVICE_MESSAGE, readBusinessPersona, refusalMessage, type BusinessPersona } from '../assistant/business-persona';
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
}

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
   * last included call cannot both get it.
   */
  async route(request: { dialled: string | null; vapiNumberId: string | null; caller: string | null; vapiCallId: string | null }): Promise<InboundDecision> {
    const vapiCallId = request.vapiCallId;
    if (!vapiCallId) throw new Error('assistant-request without a call id');
    const now = this.clock.now();
    const graceStart = new Date(now.getTime() - PAST_DUE_GRACE_DAYS * 86_400_000);
    return this.db.transaction(async (tx) => {
      const business = await this.businesses.findByDialledNumber(request.dialled, request.vapiNumberId, tx);
      if (!business) return { route: 'unknown_number', businessId: null, callId: null, assistantId: null, persona: null };
      const persona = readBusinessPersona(business.persona, { name: business.name, industry: business.industry, scenario: business.scenario });
      let callId = await this.calls.recordInbound({ businessId: business.id, to: business.dialled, from: request.caller, vapiCallId }, tx);
      let route: InboundRoute;
      if (callId) {
        const onDnc = request.caller !== null && (await this.dnc.isListedByBusiness(business.id, request.caller, tx));
        const counted = !onDnc && (await this.businesses.countInboundCall(business.id, graceStart, now, tx));
        route = onDnc ? 'refused' : counted ? 'assistant' : 'fallback';
        await this.calls.setInboundRoute(callId, route, tx);
      } else {
        // Vapi asked again for a call we already answered: the same answer, counted once.
        const earlier = await this.calls.findInbound(vapiCallId, tx);
        callId = earlier?.id ?? null;
        route = earlier?.inbound_route ?? 'fallback';
      }
      return { route, businessId: business.id, callId, assistantId: business.vapi_assistant_id, persona };
    });
  }

  private answerFor(decision: InboundDecision): AssistantRequestAnswer {
    switch (decision.route) {
      case 'assistant':
        return { assistantId: decision.assistantId!, assistantOverrides: { metadata: this.metadata(decision.businessId, decision.callId) } };
      case 'refused':
        return { error: refusalMessage(decision.persona) };
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
