import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { PAST_DUE_GRACE_DAYS, type InboundRoute } from '@beaker/contracts';
import { Clock } from '../../../common/clock';
import { AppConfig } from '../../../config/app-config';
import { queryRows } from '../../../database/query-rows';
import { vapiAssistantBody } from '../../../integrations/vapi/vapi.assistant';
import { WebhookResponder } from '../../webhooks/webhook-handlers';
import { fallbackAssistantSpec, NOT_IN_SERVICE_MESSAGE, readBusinessPersona, refusalMessage, type BusinessPersona } from '../assistant/business-persona';

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

interface RoutedRow {
  id: string;
  name: string;
  industry: string | null;
  scenario: string | null;
  persona: unknown;
  vapi_assistant_id: string | null;
  on_dnc: boolean;
  call_id: string | null;
  counted: boolean;
}

export interface InboundDecision {
  route: InboundRoute | 'unknown_number';
  businessId: string | null;
  callId: string | null;
  assistantId: string | null;
  persona: BusinessPersona | null;
}

// One statement decides and counts: the call is recorded once per Vapi call id (a redelivered
// request inserts nothing and so counts nothing), and the usage goes up only while the business
// may take calls and is under its plan's limit — the UPDATE's WHERE is checked on the locked row,
// so two calls racing for the last included call cannot both get it.
const ROUTE_SQL = `
  WITH target AS (
    SELECT b.id, b.name, b.industry, b.scenario, b.persona, b.vapi_assistant_id, p.e164 AS dialled,
           ($3::text IS NOT NULL AND EXISTS (
             SELECT 1 FROM dnc_entries d WHERE d.business_id = b.id AND d.phone_e164 = $3 AND d.removed_at IS NULL
           )) AS on_dnc
      FROM phone_numbers p JOIN businesses b ON b.id = p.business_id
     WHERE p.status = 'active' AND (p.e164 = $1 OR p.vapi_phone_number_id = $2)
     LIMIT 1
  ), ins AS (
    INSERT INTO calls (business_id, direction, status, to_e164, from_e164, vapi_call_id, created_at, updated_at)
    SELECT t.id, 'inbound', 'initiated', t.dialled, $3, $4, $5, $5 FROM target t
    ON CONFLICT (vapi_call_id) WHERE vapi_call_id IS NOT NULL DO NOTHING
    RETURNING id, business_id
  ), counted AS (
    UPDATE businesses b SET calls_used_this_period = b.calls_used_this_period + 1, updated_at = $5
      FROM ins, target t
     WHERE b.id = ins.business_id AND NOT t.on_dnc AND b.vapi_assistant_id IS NOT NULL
       AND (b.status = 'active' OR (b.status = 'past_due' AND b.past_due_since > $6))
       AND b.calls_used_this_period < b.calls_included
    RETURNING b.id
  )
  SELECT t.id, t.name, t.industry, t.scenario, t.persona, t.vapi_assistant_id, t.on_dnc,
         (SELECT id FROM ins) AS call_id, EXISTS (SELECT 1 FROM counted) AS counted
    FROM target t`;

/**
 * Answers Vapi's assistant-request for inbound calls to business numbers, synchronously (Vapi
 * waits at most 7.5 s; our budget is 200 ms at p99: one transaction of two statements, no provider
 * call). Whatever happens, the caller hears something kind: the business's assistant; the
 * message-taking fallback when the business is over its plan, unpaid past the grace period,
 * canceled, or when anything fails here; a short refusal for a caller on the business's DNC list.
 */
@Injectable()
export class InboundCallRouter {
  private readonly logger = new Logger(InboundCallRouter.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
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

  /** Finds the business by the dialled number, records the call, counts it against the plan, and decides who answers. */
  async route(request: { dialled: string | null; vapiNumberId: string | null; caller: string | null; vapiCallId: string | null }): Promise<InboundDecision> {
    if (!request.vapiCallId) throw new Error('assistant-request without a call id');
    const now = this.clock.now();
    const graceStart = new Date(now.getTime() - PAST_DUE_GRACE_DAYS * 86_400_000);
    return this.db.transaction(async (m) => {
      const [row] = await queryRows<RoutedRow>(m, ROUTE_SQL, [request.dialled, request.vapiNumberId, request.caller, request.vapiCallId, now, graceStart]);
      if (!row) return { route: 'unknown_number', businessId: null, callId: null, assistantId: null, persona: null };
      const persona = readBusinessPersona(row.persona, { name: row.name, industry: row.industry, scenario: row.scenario });
      let callId = row.call_id;
      let route: InboundRoute;
      if (callId) {
        route = row.on_dnc ? 'refused' : row.counted ? 'assistant' : 'fallback';
        await m.query(`UPDATE calls SET inbound_route = $2 WHERE id = $1`, [callId, route]);
      } else {
        // Vapi asked again for a call we already answered: the same answer, counted once.
        const [earlier] = await queryRows<{ id: string; inbound_route: InboundRoute | null }>(m, `SELECT id, inbound_route FROM calls WHERE vapi_call_id = $1`, [
          request.vapiCallId,
        ]);
        callId = earlier?.id ?? null;
        route = earlier?.inbound_route ?? 'fallback';
      }
      return { route, businessId: row.id, callId, assistantId: row.vapi_assistant_id, persona };
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
