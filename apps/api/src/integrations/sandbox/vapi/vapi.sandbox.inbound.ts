import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import type { SandboxInboundCallResult } from '@beaker/contracts';
import { Clock } from '../../../common/clock';
import { defineError } from '../../../common/errors/domain-error';
import { RedisService } from '../../../common/redis/redis.service';
import { AppConfig } from '../../../config/app-config';
import { spokenFirstMessage } from '../../vapi/vapi.assistant';
import type { AssistantSpec } from '../../vapi/vapi.port';
import { VapiSandbox } from './vapi.sandbox';
import { endOfCallReportMessage, SandboxCallRecord, statusUpdateMessage, vapiCallOf } from './vapi.sandbox.messages';
import { vapiSignatureHeaders } from '../../vapi/vapi.signature';
import type { VapiCall } from '../../vapi/vapi.types';
import type { Vapi } from '@vapi-ai/server-sdk';

export class SandboxNumberNotFound extends defineError('SANDBOX.NUMBER_NOT_FOUND') {}
export class SandboxAssistantRequestFailed extends defineError('SANDBOX.ASSISTANT_REQUEST_FAILED') {}

interface SandboxPhoneNumber {
  id: string;
  number: string;
  serverUrl: string;
  name?: string;
}

const SANDBOX_ORG_ID = '00000000-0000-4000-8000-00000000beef';
/** Vapi gives the server 7.5 s to answer an assistant-request. */
const ASSISTANT_REQUEST_TIMEOUT_MS = 7500;

type AssistantRequestAnswer = Vapi.ServerMessageResponseAssistantRequest;

/**
 * Inbound calls, simulated: someone dials a number imported into the sandbox. Like Vapi, the
 * sandbox asks the number's server URL which assistant answers (`assistant-request`, signed, and
 * waits for the HTTP answer), then plays the call with it — a saved assistant (`assistantId`), a
 * transient one (`assistant`), or the answer's `error`, spoken and hung up on
 * (`assistant-request-returned-error`).
 */
@Injectable()
export class VapiSandboxInbound {
  private readonly logger = new Logger('VapiSandboxInbound');

  constructor(
    private readonly sandbox: VapiSandbox,
    private readonly redis: RedisService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async receiveCall(request: { to: string; from: string; callerName?: string }): Promise<SandboxInboundCallResult> {
    const number = await this.phoneNumber(request.to);
    if (!number) throw new SandboxNumberNotFound(`${request.to} is not a number imported into the sandbox`);
    const now = this.clock.now();
    const record: SandboxCallRecord = {
      id: randomUUID(),
      orgId: SANDBOX_ORG_ID,
      assistantId: '',
      phoneNumberId: number.id,
      customer: { number: request.from, ...(request.callerName ? { name: request.callerName } : {}) },
      metadata: {},
      firstMessage: '',
      outcome: 'completed',
      inbound: true,
      status: 'ringing',
      serverUrl: number.serverUrl,
      createdAt: now.toISOString(),
      updatedAt: now.toISOString(),
    };
    const answer = await this.askForAssistant(number, record);

    if (typeof answer.error === 'string' && answer.error) {
      await this.refuse(record, answer.error);
      return { providerCallId: record.id, answeredWith: 'error', firstMessage: answer.error };
    }
    record.metadata = stringValues(answer.assistantOverrides?.metadata);
    if (answer.assistantId) {
      const assistant = await this.sandbox.getAssistant(answer.assistantId);
      if (!assistant) throw new SandboxAssistantRequestFailed(`assistantId ${answer.assistantId} is not a sandbox assistant`);
      record.assistantId = assistant.id;
      record.firstMessage = spokenFirstMessage(assistant.spec.firstMessage, assistant.spec.recordingDisclosure);
      if (assistant.spec.serverUrl) record.serverUrl = assistant.spec.serverUrl;
      await this.sandbox.startSimulatedCall(record);
      return { providerCallId: record.id, answeredWith: 'assistant', firstMessage: record.firstMessage };
    }
    if (answer.assistant) {
      // A transient assistant: kept like a saved one, so the call's script and report can use it.
      const spec = specFromVapiBody(answer.assistant as Record<string, unknown>, number.serverUrl);
      const { id } = await this.sandbox.createAssistant(spec);
      record.assistantId = id;
      record.firstMessage = spec.firstMessage;
      record.serverUrl = spec.serverUrl ?? number.serverUrl;
      await this.sandbox.startSimulatedCall(record);
      return { providerCallId: record.id, answeredWith: 'transient', firstMessage: record.firstMessage };
    }
    throw new SandboxAssistantRequestFailed('the answer had no assistantId, assistant or error');
  }

  /** POSTs the assistant-request and waits for the answer, as Vapi does. */
  private async askForAssistant(number: SandboxPhoneNumber, record: SandboxCallRecord): Promise<AssistantRequestAnswer> {
    const call: VapiCall = { ...vapiCallOf(record), status: 'ringing' };
    const message: Vapi.ServerMessageAssistantRequest = {
      type: 'assistant-request',
      timestamp: this.clock.now().getTime(),
      call,
      customer: { number: record.customer.number },
      phoneNumber: { provider: 'twilio', id: number.id, number: number.number, twilioAccountSid: 'ACsandbox', orgId: SANDBOX_ORG_ID } as Vapi.ServerMessageAssistantRequestPhoneNumber,
    };
    const body = JSON.stringify({ message });
    let response: Response;
    try {
      response = await fetch(number.serverUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...vapiSignatureHeaders(this.config.env.VAPI_WEBHOOK_SECRET, body, this.clock.now().getTime()) },
        body,
        signal: AbortSignal.timeout(ASSISTANT_REQUEST_TIMEOUT_MS),
      });
    } catch (err) {
      throw new SandboxAssistantRequestFailed(`the server did not answer: ${(err as Error).message}`);
    }
    const text = await response.text();
    if (!response.ok) throw new SandboxAssistantRequestFailed(`the server answered ${response.status}`);
    try {
      return JSON.parse(text) as AssistantRequestAnswer;
    } catch {
      throw new SandboxAssistantRequestFailed('the answer was not JSON');
    }
  }

  /** Vapi speaks the error and hangs up; the server hears the call end, with what was said. */
  private async refuse(record: SandboxCallRecord, spoken: string): Promise<void> {
    const now = this.clock.now();
    record.status = 'ended';
    record.outcome = 'failed';
    record.startedAt = now.toISOString();
    record.endedAt = new Date(now.getTime() + 4000).toISOString();
    record.endedReason = 'assistant-request-returned-error';
    record.firstMessage = spoken;
    record.cost = 0;
    record.costs = [];
    record.conversation = {
      turns: [{ speaker: 'assistant', text: spoken, at: 0.5 }],
      lead: { name: '', phone: record.customer.number, email: '', intent: '', urgency: 'low' },
      summary: 'The call was declined with a message.',
      successEvaluation: 'false',
      durationSeconds: 4,
    };
    const ended = statusUpdateMessage(record, 'ended', now.getTime());
    const report = endOfCallReportMessage(record, now.getTime());
    report.message.analysis = { summary: record.conversation.summary, successEvaluation: 'false' };
    for (const payload of [ended, report]) await this.deliver(record.serverUrl, payload, now.getTime());
  }

  private async deliver(url: string, payload: unknown, nowMs: number): Promise<void> {
    const body = JSON.stringify(payload);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...vapiSignatureHeaders(this.config.env.VAPI_WEBHOOK_SECRET, body, nowMs) },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer().catch(() => undefined);
    } catch (err) {
      this.logger.warn({ url, err: (err as Error).message }, 'sandbox vapi event not delivered');
    }
  }

  /** The imported number with this E.164 (few in a sandbox: a scan is fine). */
  private async phoneNumber(e164: string): Promise<SandboxPhoneNumber | null> {
    let cursor = '0';
    do {
      const [next, keys] = await this.redis.client.scan(cursor, 'MATCH', 'sandbox:vapi:phone-number:*', 'COUNT', 500);
      cursor = next;
      if (keys.length === 0) continue;
      const values = await this.redis.client.mget(...keys);
      for (const raw of values) {
        if (!raw) continue;
        const number = JSON.parse(raw) as SandboxPhoneNumber;
        if (number.number === e164) return number;
      }
    } while (cursor !== '0');
    return null;
  }
}

/** Vapi's assistant body (what vapiAssistantBody makes) back into our spec, for the sandbox's script. */
function specFromVapiBody(body: Record<string, unknown>, defaultServerUrl: string): AssistantSpec {
  const model = body.model as { messages?: { content?: string }[] } | undefined;
  const voice = body.voice as { provider?: string; voiceId?: string } | undefined;
  const server = body.server as { url?: string } | undefined;
  return {
    name: typeof body.name === 'string' ? body.name : 'Transient assistant',
    firstMessage: typeof body.firstMessage === 'string' ? body.firstMessage : '',
    systemPrompt: model?.messages?.[0]?.content ?? '',
    voice: { provider: voice?.provider ?? '11labs', voiceId: voice?.voiceId ?? 'sarah' },
    maxDurationSeconds: typeof body.maxDurationSeconds === 'number' ? body.maxDurationSeconds : 600,
    structuredDataSchema: {},
    serverUrl: server?.url ?? defaultServerUrl,
    metadata: stringValues(body.metadata),
  };
}

function stringValues(value: unknown): Record<string, string> {
  if (!value || typeof value !== 'object') return {};
  return Object.fromEntries(Object.entries(value as Record<string, unknown>).filter(([, v]) => typeof v === 'string')) as Record<string, string>;
}
