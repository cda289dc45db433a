import { ConflictException, Injectable } from '@nestjs/common';
import type { AssistantSettings, AssistantSettingsUpdate } from '@beaker/contracts';
import { Clock } from '../../../common/clock';
import { NotFound } from '../../../common/errors/common.errors';
import { AppConfig } from '../../../config/app-config';
import { Database } from '../../../database/database';
import { VoiceAgentPort } from '../../../integrations/vapi/vapi.port';
import { speakableName } from '../../trials';
import { BusinessesRepository, type PersonaRow } from '../persistence/businesses.repository';
import { businessAssistantSpec, defaultGreeting, readBusinessPersona, settingsOf, type BusinessPersona } from './business-persona';

/** Tries of a settings change whose row another change overtook meanwhile, before answering 409. */
const MAX_TRIES = 5;

/**
 * The assistant's settings (greeting, business name, hours). A change is made at the voice
 * provider first, then stored: if the provider refuses or cannot be reached, nothing changes here
 * either and the owner sees the error. The provider is asked with no transaction open (a slow
 * provider would hold the business row's lock and a connection): the persona is read, the
 * provider updated, and the new persona stored only if the row is still as read; when another
 * change got in between, the change is made again on top of it (the provider ends with what is
 * stored).
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
    for (let attempt = 1; attempt <= MAX_TRIES; attempt++) {
      const before = await this.businesses.persona(businessId);
      if (!before) throw new NotFound('No such business');
      const current = readBusinessPersona(before.persona, { name: before.name, industry: before.industry, scenario: before.scenario });
      const next = applySettings(current, update);
      if (before.vapi_assistant_id) {
        const spec = businessAssistantSpec(next, { businessId, serverUrl: `${this.config.appUrl}/webhooks/vapi` });
        await this.voiceAgent.updateAssistant(before.vapi_assistant_id, {
          name: spec.name,
          firstMessage: spec.firstMessage,
          systemPrompt: spec.systemPrompt,
          recordingDisclosure: spec.recordingDisclosure,
          metadata: spec.metadata,
        });
      }
      const stored = await this.db.transaction(async (tx) => {
        const row = await this.businesses.lockPersona(businessId, tx);
        if (!row) throw new NotFound('No such business');
        if (!samePersona(row, before)) return false;
        // Without an assistant yet, provisioning builds it from the stored persona.
        await this.businesses.updatePersona(businessId, next.businessName, JSON.stringify({ ...row.persona, ...next }), this.clock.now(), tx);
        return true;
      });
      if (stored) return settingsOf(next);
    }
    throw new ConflictException('The assistant’s settings kept changing meanwhile; try again');
  }
}

/** Whether the row is still what the provider was updated from (the persona, the name, the assistant). */
function samePersona(a: PersonaRow, b: PersonaRow): boolean {
  return a.name === b.name && a.vapi_assistant_id === b.vapi_assistant_id && JSON.stringify(a.persona) === JSON.stringify(b.persona);
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
