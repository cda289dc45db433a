import type { ProviderCallStatus } from '../../vapi/vapi.port';
import { SandboxConversation, transcriptText } from './vapi.sandbox.script';
import type { VapiArtifact, VapiArtifactMessage, VapiCall, VapiCostItem, VapiEndedReason, VapiEndOfCallReport, VapiStatusUpdate } from '../../vapi/vapi.types';

/**
 * The sandbox's webhook payloads, typed with Vapi's own published types (@vapi-ai/server-sdk):
 * if Vapi's shapes change, this file stops compiling.
 */

/** What the sandbox makes of a destination number (README: test knobs). */
export type SandboxOutcome = 'completed' | 'no-answer' | 'busy' | 'failed' | 'report-never-sent';

export function sandboxOutcomeFor(number: string): SandboxOutcome {
  const last4 = number.replace(/\D/g, '').slice(-4);
  switch (last4) {
    case '0001':
      return 'no-answer';
    case '0002':
      return 'busy';
    case '0003':
      return 'failed';
    case '0004':
      return 'report-never-sent';
    default:
      return 'completed';
  }
}

export const ENDED_REASONS: Record<Exclude<SandboxOutcome, 'report-never-sent'>, VapiEndedReason> = {
  completed: 'customer-ended-call',
  'no-answer': 'customer-did-not-answer',
  busy: 'customer-busy',
  failed: 'twilio-failed-to-connect-call',
};

export type SandboxStep = 'queued' | 'ringing' | 'in-progress' | 'ended' | 'report';

/** The lifecycle each outcome plays, one step per job. */
export const SANDBOX_STEPS: Record<SandboxOutcome, SandboxStep[]> = {
  completed: ['queued', 'ringing', 'in-progress', 'ended', 'report'],
  'report-never-sent': ['queued', 'ringing', 'in-progress', 'ended'],
  'no-answer': ['queued', 'ringing', 'ended', 'report'],
  busy: ['queued', 'ended', 'report'],
  failed: ['queued', 'ended', 'report'],
};

/** A call as the sandbox keeps it (Redis JSON). */
export interface SandboxCallRecord {
  id: string;
  orgId: string;
  assistantId: string;
  phoneNumberId?: string;
  customer: { number: string; name?: string; email?: string };
  /** Our metadata (callId, …), sent back as assistantOverrides.metadata like Vapi does. */
  metadata: Record<string, string>;
  variableValues?: Record<string, string>;
  firstMessage: string;
  outcome: SandboxOutcome;
  /** Someone called a number imported into the sandbox (the default: we placed the call). */
  inbound?: boolean;
  status: ProviderCallStatus;
  /** Where the events go: the assistant's server URL, else ours. */
  serverUrl: string;
  createdAt: string;
  updatedAt: string;
  startedAt?: string;
  endedAt?: string;
  endedReason?: VapiEndedReason;
  conversation?: SandboxConversation;
  recordingUrl?: string;
  costs?: VapiCostItem[];
  cost?: number;
}

/** Per-minute rates close to what the providers charge (US dollars). */
const RATES = { vapi: 0.05, twilio: 0.014, transcriber: 0.01, voicePerKChar: 0.03, promptPerMTok: 0.15, completionPerMTok: 0.6 };

export function sandboxCosts(durationSeconds: number, assistantCharacters: number, voice: { provider: string; voiceId: string }): VapiCostItem[] {
  const minutes = Math.round((durationSeconds / 60) * 10_000) / 10_000;
  const promptTokens = Math.round(400 + durationSeconds * 35);
  const completionTokens = Math.round(assistantCharacters / 4);
  const costs: VapiCostItem[] = [
    { type: 'transport', provider: 'twilio', minutes, cost: round4(minutes * RATES.twilio) },
    { type: 'transcriber', transcriber: { provider: 'deepgram', model: 'nova-2' }, minutes, cost: round4(minutes * RATES.transcriber) },
    {
      type: 'model',
      model: { provider: 'openai', model: 'gpt-4o-mini' },
      promptTokens,
      completionTokens,
      cost: round4((promptTokens * RATES.promptPerMTok + completionTokens * RATES.completionPerMTok) / 1_000_000),
    },
    { type: 'voice', voice: { provider: voice.provider, voiceId: voice.voiceId }, characters: assistantCharacters, cost: round4((assistantCharacters / 1000) * RATES.voicePerKChar) },
    { type: 'vapi', subType: 'normal', minutes, cost: round4(minutes * RATES.vapi) },
  ];
  return costs;
}

export function artifactOf(record: SandboxCallRecord): VapiArtifact {
  const turns = record.conversation?.turns ?? [];
  const start = record.startedAt ? Date.parse(record.startedAt) : Date.parse(record.createdAt);
  const messages: VapiArtifactMessage[] = turns.map((turn, i) => {
    const next = turns[i + 1]?.at ?? turn.at + 2;
    return {
      role: turn.speaker === 'assistant' ? 'bot' : 'user',
      message: turn.text,
      time: start + turn.at * 1000,
      endTime: start + (next - 0.5) * 1000,
      secondsFromStart: turn.at,
      duration: Math.max(0.5, next - turn.at - 0.5) * 1000,
    };
  });
  return {
    messages,
    transcript: transcriptText(turns),
    ...(record.recordingUrl ? { recordingUrl: record.recordingUrl, recording: { mono: { combinedUrl: record.recordingUrl } } } : {}),
  };
}

/** The call object Vapi puts in every message and answers on GET /call/:id. */
export function vapiCallOf(record: SandboxCallRecord): VapiCall {
  const ended = record.status === 'ended';
  const hasReport = ended && record.conversation !== undefined;
  return {
    id: record.id,
    orgId: record.orgId,
    type: record.inbound ? 'inboundPhoneCall' : 'outboundPhoneCall',
    status: record.status,
    createdAt: record.createdAt,
    updatedAt: record.updatedAt,
    assistantId: record.assistantId,
    phoneNumberId: record.phoneNumberId,
    customer: { number: record.customer.number, ...(record.customer.name ? { name: record.customer.name } : {}) },
    phoneCallProvider: 'twilio',
    phoneCallTransport: 'pstn',
    assistantOverrides: { metadata: record.metadata, ...(record.variableValues ? { variableValues: record.variableValues } : {}) },
    ...(record.startedAt ? { startedAt: record.startedAt } : {}),
    ...(record.endedAt ? { endedAt: record.endedAt } : {}),
    ...(record.endedReason ? { endedReason: record.endedReason } : {}),
    ...(hasReport
      ? {
          cost: record.cost,
          costs: record.costs,
          artifact: artifactOf(record),
          analysis: analysisOf(record),
        }
      : {}),
  };
}

function analysisOf(record: SandboxCallRecord): VapiEndOfCallReport['analysis'] {
  const conversation = record.conversation;
  if (!conversation || record.outcome !== 'completed' && record.outcome !== 'report-never-sent') {
    return { summary: summaryForUnanswered(record), successEvaluation: 'false' };
  }
  return { summary: conversation.summary, structuredData: { ...conversation.lead }, successEvaluation: conversation.successEvaluation };
}

function summaryForUnanswered(record: SandboxCallRecord): string {
  switch (record.outcome) {
    case 'no-answer':
      return 'The customer did not answer.';
    case 'busy':
      return 'The line was busy.';
    default:
      return 'The call could not be connected.';
  }
}

export function statusUpdateMessage(record: SandboxCallRecord, status: Exclude<SandboxStep, 'report'>, nowMs: number): { message: VapiStatusUpdate } {
  return {
    message: {
      type: 'status-update',
      status,
      ...(status === 'ended' && record.endedReason ? { endedReason: record.endedReason } : {}),
      timestamp: nowMs,
      call: vapiCallOf(record),
      customer: { number: record.customer.number },
    },
  };
}

export function endOfCallReportMessage(record: SandboxCallRecord, nowMs: number): { message: VapiEndOfCallReport } {
  const call = vapiCallOf(record);
  return {
    message: {
      type: 'end-of-call-report',
      endedReason: record.endedReason ?? 'customer-ended-call',
      cost: record.cost ?? 0,
      costs: record.costs ?? [],
      timestamp: nowMs,
      artifact: artifactOf(record),
      analysis: analysisOf(record),
      startedAt: record.startedAt,
      endedAt: record.endedAt,
      call,
      customer: { number: record.customer.number },
    },
  };
}

function round4(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
