import { Injectable } from '@nestjs/common';
import type { AssistantSettings, AssistantSettingsUpdate } from '@beaker/contracts';
import { Clock } from '../../../common/clock';
import { NotFound } from '../../../common/errors/common.errors';
import { AppConfig } from '../../../config/app-config';
import { Database } from '../../../database/database';
import { VoiceAgentPort } from '../../../integrations/vapi/vapi.port';
import { speakableName } from '../../trials';
import { BusinessesRepository } from '../persistence/businesses.repository';
import { businessAssistantSpec, defaultGreeting, readBusinessPersona, settingsOf, type BusinessPersona } from './business-persona';

/**
 * The assistant's settings (greeting, business name, hours). A change is made at the voice
 * provider first, inside the transaction that stores it: if the provider refuses or cannot be
 * reached, nothing changes here either and the owner sees the error.
 */
@Injectable()
export class AssistantSettingsService {
  constructor(
    private readonly db: Database,
    private readonly businesses: BusinessesRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly voiceAgent: VoiceAgentPort,
  ) {}

  async update(businessId: string, update: AssistantSettingsUpdate): Promise<AssistantSettings> {
    return this.db.transaction(async (tx) => {
      const row = await this.businesses.lockPersona(businessId, tx);
      if (!row) throw new NotFound('No such business');
      const current = readBusinessPersona(row.persona, { name: row.name, industry: row.industry, scenario: row.scenario });
      const next = applySettings(current, update);
      if (row.vapi_assistant_id) {
        const spec = businessAssistantSpec(next, { businessId, serverUrl: `${this.config.appUrl}/webhooks/vapi` });
        await this.voiceAgent.updateAssistant(row.vapi_assistant_id, {
          name: spec.name,
          firstMessage: spec.firstMessage,
          systemPrompt: spec.systemPrompt,
          recordingDisclosure: spec.recordingDisclosure,
          metadata: spec.metadata,
        });
      }
      // Without an assistant yet, provisioning builds it from the stored persona.
      await this.businesses.updatePersona(businessId, next.businessName, JSON.stringify({ ...row.persona, ...next }), this.clock.now(), tx);
      return settingsOf(next);
    });
  }
}

/** The new persona; a greeting left at its default follows a renamed business. */
export function applySettings(current: BusinessPersona, update: AssistantSettingsUpdate): BusinessPersona {
  const businessName = update.businessName !== undefined ? speakableName(update.businessName) || current.businessName : current.businessName;
  const wasDefault = current.greeting === defaultGreeting(current.businessName, current.assistantName);
  const greeting =
    update.greeting !== undefined && update.greeting.trim()
      ? update.greeting.trim()
      : wasDefault
        ? defaultGreeting(businessName, current.assistantName)
        : current.greeting;
  const hours = update.hours !== undefined ? update.hours?.trim() || null : current.hours;
  return { ...current, businessName, greeting, hours };
}
