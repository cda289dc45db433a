import type { ProviderCall, ProviderCallStatus, ProviderLead, ProviderTranscriptTurn } from './vapi.port';
import type { VapiArtifactMessage, VapiCall, VapiCallCostItem, VapiCostItem, VapiEndOfCallReport } from './vapi.types';

/**
 * Vapi's shapes → ours. Used by the live adapter (GET /call/:id) and by the webhook handlers
 * (status-update, end-of-call-report), so that both read a call the same way.
 */

/**
 * Our call id, carried in `assistantOverrides.metadata.callId` of POST /call: Vapi's Call has no
 * top-level metadata, and echoes the overrides in every webhook's `message.call`.
 */
export function ourCallIdOf(call: VapiCall | undefined): string | undefined {
  const fromOverrides = (call?.assistantOverrides?.metadata as Record<string, unknown> | undefined)?.callId;
  if (typeof fromOverrides === 'string') return fromOverrides;
  const loose = (call as { metadata?: Record<string, unknown> } | undefined)?.metadata?.callId;
  return typeof loose === 'string' ? loose : undefined;
}

const STATUSES: readonly ProviderCallStatus[] = ['scheduled', 'queued', 'ringing', 'in-progress', 'forwarding', 'ended'];

export function mapVapiStatus(status: string | undefined): ProviderCallStatus {
  if (status && (STATUSES as readonly string[]).includes(status)) return status as ProviderCallStatus;
  // not-found, deletion-failed: the call is over as far as we are concerned.
  return status ? 'ended' : 'queued';
}

/** Cost items → US dollars by provider kind, named as our cost breakdown names them. */
export function mapVapiCosts(costs: readonly (VapiCostItem | VapiCallCostItem)[] | undefined): Record<string, number> | undefined {
  if (!costs?.length) return undefined;
  const out: Record<string, number> = {};
  for (const item of costs) {
    const type = (item as { type?: string }).type ?? 'other';
    const key =
      type === 'transport'
        ? ((item as { provider?: string }).provider ?? 'transport')
        : type === 'model'
          ? 'llm'
          : type === 'voice'
            ? 'tts'
            : type === 'transcriber'
              ? 'stt'
              : type;
    const cost = Number((item as { cost?: number }).cost ?? 0);
    out[key] = round4((out[key] ?? 0) + cost);
  }
  return out;
}

/** The conversation, without system prompts and tool traffic. */
export function mapVapiTranscript(messages: readonly VapiArtifactMessage[] | undefined): ProviderTranscriptTurn[] | undefined {
  if (!messages) return undefined;
  const turns: ProviderTranscriptTurn[] = [];
  for (const m of messages) {
    const { role, message, secondsFromStart } = m as { role?: string; message?: string; secondsFromStart?: number };
    if (typeof message !== 'string') continue;
    if (role === 'bot' || role === 'assistant') turns.push({ speaker: 'assistant', text: message, at: secondsFromStart ?? 0 });
    else if (role === 'user') turns.push({ speaker: 'caller', text: message, at: secondsFromStart ?? 0 });
  }
  return turns;
}

/** The lead the analysis extracted (structuredData of the assistant's schema). */
export function mapVapiLead(structuredData: Record<string, unknown> | undefined): ProviderLead | undefined {
  if (!structuredData) return undefined;
  const lead: ProviderLead = {};
  for (const key of ['name', 'phone', 'email', 'intent', 'urgency'] as const) {
    const value = structuredData[key];
    if (typeof value === 'string' && value.trim()) lead[key] = value.trim();
  }
  return Object.keys(lead).length ? lead : undefined;
}

export function toProviderCall(call: VapiCall): ProviderCall {
  const artifact = call.artifact;
  const metadata = call.assistantOverrides?.metadata as Record<string, unknown> | undefined;
  return {
    id: call.id,
    status: mapVapiStatus(call.status),
    endedReason: call.endedReason,
    startedAt: call.startedAt ? new Date(call.startedAt) : undefined,
    endedAt: call.endedAt ? new Date(call.endedAt) : undefined,
    transcript: mapVapiTranscript(artifact?.messages),
    recordingUrl: artifact?.recordingUrl ?? artifact?.recording?.mono?.combinedUrl ?? artifact?.recording?.stereoUrl,
    summary: call.analysis?.summary,
    lead: mapVapiLead(call.analysis?.structuredData),
    costs: mapVapiCosts(call.costs),
    costTotal: call.cost,
    metadata: metadata ? Object.fromEntries(Object.entries(metadata).map(([k, v]) => [k, String(v)])) : undefined,
  };
}

/** An end-of-call report as a ProviderCall: the report's own fields win over its `call` copy. */
export function providerCallFromReport(report: VapiEndOfCallReport): ProviderCall {
  const base = report.call ? toProviderCall(report.call) : ({ id: '', status: 'ended' } as ProviderCall);
  return {
    ...base,
    status: 'ended',
    endedReason: report.endedReason,
    startedAt: report.startedAt ? new Date(report.startedAt) : base.startedAt,
    endedAt: report.endedAt ? new Date(report.endedAt) : base.endedAt,
    transcript: mapVapiTranscript(report.artifact?.messages) ?? base.transcript,
    recordingUrl: report.artifact?.recordingUrl ?? report.artifact?.recording?.mono?.combinedUrl ?? base.recordingUrl,
    summary: report.analysis?.summary ?? base.summary,
    lead: mapVapiLead(report.analysis?.structuredData) ?? base.lead,
    costs: mapVapiCosts(report.costs) ?? base.costs,
    costTotal: report.cost ?? base.costTotal,
  };
}

function round4(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
