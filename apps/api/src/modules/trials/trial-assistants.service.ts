import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import { VoiceAgentPort } from '../../integrations/vapi/vapi.port';
import type { Trial } from './entities/trial.entity';
import { TrialsRepository } from './persistence/trials.repository';
import { assistantSpecFor, buildTrialPersona } from './personas/build-persona';

/**
 * The trial's agent: built from the persona template once the phone is verified, created with the
 * voice provider, and stored on the trial (id and persona). The trial becomes active with it.
 */
@Injectable()
export class TrialAssistants {
  private readonly logger = new Logger(TrialAssistants.name);

  constructor(
    private readonly trials: TrialsRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly voiceAgent: VoiceAgentPort,
  ) {}

  /**
   * Creates the assistant unless the trial has one. Safe to call again after a provider failure
   * (the phone stays verified; the next "Call me" or confirm retries). Two racing calls: the first
   * stored wins and the other assistant is deleted.
   */
  async ensure(trial: Trial): Promise<Trial> {
    if (trial.vapiAssistantId) return trial;
    const persona = buildTrialPersona({ industry: trial.industry, scenario: trial.scenario, businessName: trial.businessName });
    const spec = assistantSpecFor(persona, { trialId: trial.id, serverUrl: `${this.config.appUrl}/webhooks/vapi` });
    const { id } = await this.voiceAgent.createAssistant(spec);
    const config = { persona, vapiAssistantId: id, createdAt: this.clock.now().toISOString() };
    if (!(await this.trials.attachAssistant(trial.id, id, JSON.stringify(config), this.clock.now()))) {
      await this.voiceAgent.deleteAssistant(id).catch((err: Error) => this.logger.warn({ trialId: trial.id, err: err.message }, 'extra assistant not deleted'));
    }
    return (await this.trials.find(trial.id))!;
  }
}
