import type { ProviderCall } from '../../integrations/vapi/vapi.port';
import { callOutcomeFromVapiReason } from './call-status';
import type { ExtractedLead, TranscriptTurn } from './entities/call.entity';

/** How a call ended, from the end-of-call report or from asking the provider (reconciliation). */
export interface CallOutcome {
  status: 'completed' | 'failed';
  endedReason: string | null;
  transcript: TranscriptTurn[] | null;
  recordingUrl: string | null;
  summary: string | null;
  extractedLead: ExtractedLead | null;
  durationSeconds: number | null;
  /** US dollars. */
  costTotal: number | null;
  costBreakdown: Record<string, number> | null;
  startedAt: Date | null;
  endedAt: Date | null;
}

const validDate = (d: Date | undefined): Date | null => (d && !Number.isNaN(d.getTime()) ? d : null);

/** A provider's ended call → our outcome (the same reading for the webhook and for reconciliation). */
export function callOutcomeOf(call: ProviderCall, reported: { durationSeconds?: unknown } = {}): CallOutcome {
  const transcript = call.transcript && call.transcript.length > 0 ? call.transcript : null;
  const callerSpoke = transcript?.some((t) => t.speaker === 'caller' && t.text.trim().length > 0) ?? false;
  const startedAt = validDate(call.startedAt);
  const endedAt = validDate(call.endedAt);
  let durationSeconds: number | null = null;
  if (typeof reported.durationSeconds === 'number' && Number.isFinite(reported.durationSeconds) && reported.durationSeconds >= 0) {
    durationSeconds = Math.round(reported.durationSeconds);
  } else if (startedAt && endedAt && endedAt >= startedAt) {
    durationSeconds = Math.round((endedAt.getTime() - startedAt.getTime()) / 1000);
  }
  const costBreakdown = call.costs && Object.keys(call.costs).length > 0 ? call.costs : null;
  const summed = costBreakdown ? Object.values(costBreakdown).reduce((a, b) => a + b, 0) : null;
  const costTotal = typeof call.costTotal === 'number' && Number.isFinite(call.costTotal) ? call.costTotal : summed;
  return {
    status: callOutcomeFromVapiReason(call.endedReason, callerSpoke),
    endedReason: call.endedReason ?? null,
    transcript,
    recordingUrl: call.recordingUrl ?? null,
    summary: call.summary ?? null,
    extractedLead: call.lead ?? null,
    durationSeconds,
    costTotal: costTotal === null ? null : Math.round(costTotal * 10_000) / 10_000,
    costBreakdown,
    startedAt,
    endedAt,
  };
}

export type OptOutSource = 'structured-data' | 'tool-call';

/**
 * Did the person ask not to be called again? The analysis says so (structuredData.optOut === true),
 * or the assistant called its `opt_out` tool during the call.
 */
export function optOutIn(report: { analysis?: { structuredData?: Record<string, unknown> }; artifact?: { messages?: unknown[] } }): OptOutSource | null {
  if (report.analysis?.structuredData?.optOut === true) return 'structured-data';
  for (const message of report.artifact?.messages ?? []) {
    const toolCalls = (message as { toolCalls?: unknown })?.toolCalls;
    if (!Array.isArray(toolCalls)) continue;
    for (const call of toolCalls) {
      const name = (call as { function?: { name?: unknown }; name?: unknown })?.function?.name ?? (call as { name?: unknown })?.name;
      if (name === 'opt_out') return 'tool-call';
    }
  }
  return null;
}
