import { Injectable, Logger } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { Clock } from '../../../common/clock';
import { JobName, JobPayloads } from '../../../common/queue/jobs';
import { JobsService } from '../../../common/queue/jobs.service';
import { RedisService } from '../../../common/redis/redis.service';
import { AppConfig } from '../../../config/app-config';
import { PermanentProviderError } from '../../providers.errors';
import { spokenFirstMessage } from '../../vapi/vapi.assistant';
import { toProviderCall } from '../../vapi/vapi.mapping';
import { AssistantSpec, ImportPhoneNumberRequest, PlaceCallRequest, ProviderCall, ProviderCallStatus, VoiceAgentPort } from '../../vapi/vapi.port';
import {
  ENDED_REASONS,
  SANDBOX_STEPS,
  SandboxCallRecord,
  endOfCallReportMessage,
  sandboxCosts,
  sandboxOutcomeFor,
  statusUpdateMessage,
  vapiCallOf,
} from './vapi.sandbox.messages';
import { buildLeadCallbackConversation, buildSandboxConversation, personaFromMetadata } from './vapi.sandbox.script';
import { vapiSignatureHeaders } from '../../vapi/vapi.signature';

interface StoredAssistant {
  id: string;
  spec: AssistantSpec;
  createdAt: string;
  updatedAt: string;
}

const KEY = {
  assistant: (id: string) => `sandbox:vapi:assistant:${id}`,
  phoneNumber: (id: string) => `sandbox:vapi:phone-number:${id}`,
  call: (id: string) => `sandbox:vapi:call:${id}`,
};
/** Sandbox state outlives a demo session, not a week. */
const TTL_SECONDS = 7 * 24 * 3600;
const SANDBOX_ORG_ID = '00000000-0000-4000-8000-00000000beef';

/**
 * Vapi without an account. Assistants and calls live in Redis (shared by api and worker
 * processes); a placed call plays its lifecycle on the job queue, POSTing each event, signed
 * like the live integration, to the assistant's server URL (default `${APP_URL}/webhooks/vapi`).
 * Test knobs by destination number: integrations/sandbox/README.md.
 */
@Injectable()
export class VapiSandbox extends VoiceAgentPort {
  private readonly logger = new Logger('VapiSandbox');

  constructor(
    private readonly redis: RedisService,
    private readonly jobs: JobsService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    super();
  }

  async createAssistant(spec: AssistantSpec): Promise<{ id: string }> {
    const now = this.clock.now().toISOString();
    const stored: StoredAssistant = { id: randomUUID(), spec, createdAt: now, updatedAt: now };
    await this.redis.client.set(KEY.assistant(stored.id), JSON.stringify(stored), 'EX', TTL_SECONDS);
    return { id: stored.id };
  }

  async updateAssistant(id: string, spec: Partial<AssistantSpec>): Promise<void> {
    const stored = await this.assistant(id, 'vapi:update_assistant');
    const updated: StoredAssistant = { ...stored, spec: { ...stored.spec, ...spec }, updatedAt: this.clock.now().toISOString() };
    await this.redis.client.set(KEY.assistant(id), JSON.stringify(updated), 'EX', TTL_SECONDS);
  }

  async deleteAssistant(id: string): Promise<void> {
    await this.redis.client.del(KEY.assistant(id));
  }

  /** The assistant as the sandbox keeps it (tests, and the sandbox's own pages). */
  async getAssistant(id: string): Promise<StoredAssistant | null> {
    const raw = await this.redis.client.get(KEY.assistant(id));
    return raw ? (JSON.parse(raw) as StoredAssistant) : null;
  }

  async placeCall(request: PlaceCallRequest): Promise<{ id: string; status: ProviderCallStatus }> {
    const assistant = await this.assistant(request.assistantId, 'vapi:place_call');
    const now = this.clock.now().toISOString();
    const overrides = request.assistantOverrides ?? {};
    const variables = overrides.variableValues ?? {};
    const record: SandboxCallRecord = {
      id: randomUUID(),
      orgId: SANDBOX_ORG_ID,
      assistantId: assistant.id,
      phoneNumberId: request.fromPhoneNumberId,
      customer: {
        number: request.to,
        name: variables.customerName ?? (variables.leadName || undefined) ?? request.metadata.customerName,
        email: variables.customerEmail ?? request.metadata.customerEmail,
      },
      metadata: request.metadata,
      variableValues: overrides.variableValues,
      firstMessage: spokenFirstMessage(
        overrides.firstMessage ?? assistant.spec.firstMessage,
        overrides.recordingDisclosure ?? assistant.spec.recordingDisclosure,
      ),
      outcome: sandboxOutcomeFor(request.to),
      status: 'queued',
      serverUrl: assistant.spec.serverUrl ?? `${this.config.appUrl}/webhooks/vapi`,
      createdAt: now,
      updatedAt: now,
    };
    await this.save(record);
    // Vapi answers at once; the events follow (the first one right away).
    await this.jobs.enqueue(JobName.SandboxVapiCallStep, { providerCallId: record.id, step: 0 }, { jobId: `sandbox-vapi-${record.id}-0`, attempts: 1 });
    return { id: record.id, status: 'queued' };
  }

  async getCall(id: string): Promise<ProviderCall | null> {
    const record = await this.record(id);
    return record ? toProviderCall(vapiCallOf(record)) : null;
  }

  async importPhoneNumber(request: ImportPhoneNumberRequest): Promise<{ id: string }> {
    const id = randomUUID();
    await this.redis.client.set(KEY.phoneNumber(id), JSON.stringify({ id, number: request.e164, serverUrl: request.serverUrl, name: request.name }), 'EX', TTL_SECONDS);
    return { id };
  }

  /** Plays a call the sandbox received (an inbound call, answered by our server's assistant-request) like a placed one. */
  async startSimulatedCall(record: SandboxCallRecord): Promise<void> {
    await this.save(record);
    await this.jobs.enqueue(JobName.SandboxVapiCallStep, { providerCallId: record.id, step: 0 }, { jobId: `sandbox-vapi-${record.id}-0`, attempts: 1 });
  }

  async record(id: string): Promise<SandboxCallRecord | null> {
    const raw = await this.redis.client.get(KEY.call(id));
    return raw ? (JSON.parse(raw) as SandboxCallRecord) : null;
  }

  /**
   * Plays step `step` of a call's lifecycle, then schedules the next one. Like Vapi, each event is
   * sent once: a delivery that fails is logged, not retried (reconciliation covers lost reports).
   */
  async runStep(payload: JobPayloads[JobName.SandboxVapiCallStep]): Promise<{ step: string; delivered: number | string } | null> {
    const record = await this.record(payload.providerCallId);
    if (!record) return null;
    const steps = SANDBOX_STEPS[record.outcome];
    const step = steps[payload.step];
    if (!step) return null;
    const now = this.clock.now();

    let body: unknown;
    if (step === 'report') {
      body = endOfCallReportMessage(record, now.getTime());
    } else {
      if (step === 'in-progress') record.startedAt = now.toISOString();
      if (step === 'ended') await this.endCall(record, now);
      record.status = step;
      record.updatedAt = now.toISOString();
      await this.save(record);
      body = statusUpdateMessage(record, step, now.getTime());
    }

    const delivered = await this.deliver(record.serverUrl, body, now.getTime());
    if (payload.step + 1 < steps.length) {
      await this.jobs.enqueue(
        JobName.SandboxVapiCallStep,
        { providerCallId: record.id, step: payload.step + 1 },
        { jobId: `sandbox-vapi-${record.id}-${payload.step + 1}`, delayMs: this.config.env.SANDBOX_CALL_STEP_MS, attempts: 1 },
      );
    }
    return { step, delivered };
  }

  private async endCall(record: SandboxCallRecord, now: Date): Promise<void> {
    const assistant = await this.getAssistant(record.assistantId);
    const answered = record.outcome === 'completed' || record.outcome === 'report-never-sent';
    record.endedReason = record.outcome === 'report-never-sent' ? ENDED_REASONS.completed : ENDED_REASONS[record.outcome];
    record.endedAt = now.toISOString();
    if (!answered) {
      record.startedAt ??= record.createdAt;
      record.cost = 0;
      record.costs = [];
      return;
    }
    const persona = personaFromMetadata(assistant?.spec.metadata, record.firstMessage);
    const conversation =
      record.metadata.purpose === 'speed_to_lead'
        ? buildLeadCallbackConversation(persona, record.customer, record.variableValues?.leadMessage)
        : buildSandboxConversation(persona, record.customer);
    // The scripted call lasts its scripted length, whatever the sandbox's pacing.
    record.startedAt = new Date(now.getTime() - conversation.durationSeconds * 1000).toISOString();
    record.conversation = conversation;
    record.recordingUrl = `${this.config.appUrl}/sandbox-assets/recordings/${record.id}.wav`;
    const spoken = conversation.turns.filter((t) => t.speaker === 'assistant').reduce((n, t) => n + t.text.length, 0);
    record.costs = sandboxCosts(conversation.durationSeconds, spoken, assistant?.spec.voice ?? { provider: '11labs', voiceId: 'sarah' });
    record.cost = Math.round(record.costs.reduce((sum, c) => sum + c.cost, 0) * 10_000) / 10_000;
  }

  private async deliver(url: string, payload: unknown, nowMs: number): Promise<number | string> {
    const body = JSON.stringify(payload);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...vapiSignatureHeaders(this.config.env.VAPI_WEBHOOK_SECRET, body, nowMs) },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer().catch(() => undefined);
      if (!response.ok) this.logger.warn({ url, status: response.status }, 'sandbox vapi event refused by the server');
      return response.status;
    } catch (err) {
      this.logger.warn({ url, err: (err as Error).message }, 'sandbox vapi event not delivered');
      return (err as Error).message;
    }
  }

  private async assistant(id: string, operation: 'vapi:update_assistant' | 'vapi:place_call'): Promise<StoredAssistant> {
    const stored = await this.getAssistant(id);
    if (!stored) {
      throw new PermanentProviderError({ provider: 'vapi', operation, providerStatus: 404, providerMessage: `Couldn't find assistant ${id}` });
    }
    return stored;
  }

  private async save(record: SandboxCallRecord): Promise<void> {
    await this.redis.client.set(KEY.call(record.id), JSON.stringify(record), 'EX', TTL_SECONDS);
  }
}
