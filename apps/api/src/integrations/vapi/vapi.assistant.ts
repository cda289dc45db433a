import type { AssistantSpec } from './vapi.port';

/** Said right after the greeting on calls that are recorded in all-party-consent places. */
export const RECORDING_DISCLOSURE = 'This call may be recorded for quality and training.';

/** The first sentence as the caller hears it (the live assistant and the sandbox say the same). */
export function spokenFirstMessage(firstMessage: string, recordingDisclosure: boolean | undefined): string {
  return recordingDisclosure && !firstMessage.includes(RECORDING_DISCLOSURE) ? `${firstMessage} ${RECORDING_DISCLOSURE}` : firstMessage;
}

/** Our assistant spec as Vapi's assistant body (POST /assistant, or a partial PATCH). */
export function vapiAssistantBody(spec: Partial<AssistantSpec>): Record<string, unknown> {
  const body: Record<string, unknown> = {};
  if (spec.name !== undefined) body.name = spec.name.slice(0, 40);
  if (spec.firstMessage !== undefined) body.firstMessage = spokenFirstMessage(spec.firstMessage, spec.recordingDisclosure);
  if (spec.systemPrompt !== undefined) {
    body.model = { provider: 'openai', model: 'gpt-4o-mini', messages: [{ role: 'system', content: spec.systemPrompt }] };
  }
  if (spec.voice !== undefined) body.voice = { provider: spec.voice.provider, voiceId: spec.voice.voiceId };
  if (spec.maxDurationSeconds !== undefined) body.maxDurationSeconds = spec.maxDurationSeconds;
  if (spec.structuredDataSchema !== undefined) {
    body.analysisPlan = {
      summaryPlan: { enabled: true },
      structuredDataPlan: { enabled: true, schema: spec.structuredDataSchema },
      successEvaluationPlan: { enabled: true, rubric: 'PassFail' },
    };
  }
  if (spec.serverUrl !== undefined) {
    body.server = { url: spec.serverUrl };
    body.serverMessages = ['status-update', 'end-of-call-report', 'hang'];
  }
  if (spec.metadata !== undefined) body.metadata = spec.metadata;
  return body;
}
