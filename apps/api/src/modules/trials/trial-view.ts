import type { TrialResponse, TrialStatus } from '@beaker/contracts';
import type { TrialPersona } from './personas/build-persona';
import type { Trial } from './entities/trial.entity';

/** A pending or active trial past its 48 hours is expired, whether or not the expiry job has run yet. */
export function effectiveTrialStatus(trial: Pick<Trial, 'status' | 'expiresAt'>, now: Date): TrialStatus {
  if ((trial.status === 'pending' || trial.status === 'active') && trial.expiresAt.getTime() <= now.getTime()) return 'expired';
  return trial.status;
}

export function personaOf(trial: Pick<Trial, 'assistantConfig'>): TrialPersona | null {
  const persona = (trial.assistantConfig as { persona?: TrialPersona } | null)?.persona;
  return persona && typeof persona.firstMessage === 'string' ? persona : null;
}

export function toTrialResponse(trial: Trial, now: Date, latestCallId: string | null): TrialResponse {
  const persona = personaOf(trial);
  return {
    id: trial.id,
    status: effectiveTrialStatus(trial, now),
    industry: trial.industry,
    businessName: trial.businessName,
    scenario: trial.scenario,
    phone: trial.phoneE164,
    phoneVerified: trial.phoneVerifiedAt !== null,
    callsUsed: trial.callsUsed,
    callsLimit: trial.callsLimit,
    expiresAt: trial.expiresAt.toISOString(),
    createdAt: trial.createdAt.toISOString(),
    assistant: trial.vapiAssistantId && persona ? { name: persona.assistantName, greeting: persona.firstMessage } : null,
    latestCallId,
  };
}
