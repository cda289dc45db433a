import { Injectable, Logger } from '@nestjs/common';
import { PROVISIONING_STEPS, type ProvisioningStep } from '@beaker/contracts';
import { Clock } from '../../../common/clock';
import { JobName, JobPayloads } from '../../../common/queue/jobs';
import { JobsService } from '../../../common/queue/jobs.service';
import type { JobMeta } from '../../../common/queue/queue-processor';
import { AppConfig } from '../../../config/app-config';
import { Database } from '../../../database/database';
import { isUniqueViolation } from '../../../database/pg-errors';
import { TelephonyPort } from '../../../integrations/twilio/twilio.port';
import { VoiceAgentPort } from '../../../integrations/vapi/vapi.port';
import { OutboundEventsService } from '../../outbound-webhooks';
import { TrialsService } from '../../trials';
import { businessAssistantSpec, readBusinessPersona } from '../assistant/business-persona';
import { BusinessesRepository, ProvisioningRow } from '../persistence/businesses.repository';
import { numberSearchFor } from './number-choice';

/** Thrown when provisioning should stop without retrying (the business was canceled meanwhile). */
class ProvisioningStopped extends Error {}

/**
 * After payment: the business's assistant, a phone number near the customer, that number wired to
 * Vapi with no fixed assistant (inbound calls ask us: assistant-request). A chain of jobs, one per
 * step; each step looks at what exists before acting, so a step run twice or resumed after a crash
 * does the work once. Progress is on the business row (provisioning_*), shown on the dashboard.
 */
@Injectable()
export class BusinessProvisioning {
  private readonly logger = new Logger(BusinessProvisioning.name);

  constructor(
    private readonly businesses: BusinessesRepository,
    private readonly trials: TrialsService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly jobs: JobsService,
    private readonly voiceAgent: VoiceAgentPort,
    private readonly telephony: TelephonyPort,
    private readonly db: Database,
    private readonly outbox: OutboundEventsService,
  ) {}

  /**
   * Enqueues the first step not done yet (nothing when all are). Safe to call again: the job id
   * names the step, so a step already queued or running is not queued twice. `retry` after a
   * failure gives the job a new id (the failed job's id is kept for inspection).
   */
  async start(businessId: string, options: { retry?: boolean } = {}): Promise<ProvisioningStep | null> {
    const row = await this.load(businessId);
    if (!row || row.status === 'canceled') return null;
    const step = nextStep(row);
    if (!step) {
      await this.mark(businessId, 'done', null, null);
      return null;
    }
    // A new job id only after a failure: while a step runs, a second run of it could buy a second number.
    const fresh = options.retry && row.provisioning_status === 'failed';
    const jobId = fresh ? `provision-${businessId}-${step}-retry-${this.clock.now().getTime()}` : `provision-${businessId}-${step}`;
    await this.jobs.enqueue(JobName.ProvisionBusiness, { businessId, step }, { jobId });
    return step;
  }

  /** One step of the provision-business job. */
  async runStep(payload: JobPayloads[JobName.ProvisionBusiness], meta: JobMeta): Promise<{ step: ProvisioningStep; outcome: string }> {
    const { businessId, step } = payload;
    try {
      const row = await this.load(businessId);
      if (!row) return { step, outcome: 'no-business' };
      if (row.status === 'canceled') throw new ProvisioningStopped('the subscription was canceled');
      await this.mark(businessId, 'in_progress', step, null);
      const outcome = await this.perform(step, row);
      const next = await this.start(businessId);
      return { step, outcome: next ? `${outcome}; next ${next}` : `${outcome}; done` };
    } catch (err) {
      const stopped = err instanceof ProvisioningStopped;
      const last = stopped || meta.attemptsMade + 1 >= meta.maxAttempts;
      this.logger.warn({ businessId, step, attempt: meta.attemptsMade + 1, err: (err as Error).message }, last ? 'provisioning step failed' : 'provisioning step failed; will retry');
      if (last) await this.mark(businessId, 'failed', step, customerMessage(step, stopped));
      if (stopped) return { step, outcome: 'stopped' };
      throw err;
    }
  }

  private async perform(step: ProvisioningStep, row: ProvisioningRow): Promise<string> {
    switch (step) {
      case 'assistant':
        return this.createAssistant(row);
      case 'number':
        return this.buyNumber(row);
      case 'connect':
        return this.connectNumber(row);
    }
  }

  private async createAssistant(row: ProvisioningRow): Promise<string> {
    if (row.vapi_assistant_id) return 'assistant already there';
    const persona = readBusinessPersona(row.persona, { name: row.name, industry: row.industry, scenario: row.scenario });
    const { id } = await this.voiceAgent.createAssistant(businessAssistantSpec(persona, { businessId: row.id, serverUrl: this.serverUrl }));
    if (!(await this.businesses.attachAssistant(row.id, id, this.clock.now()))) {
      // Another run stored one first: keep theirs.
      await this.voiceAgent.deleteAssistant(id).catch((err: Error) => this.logger.warn({ businessId: row.id, err: err.message }, 'extra assistant not deleted'));
      return 'assistant already there';
    }
    return 'assistant created';
  }

  private async buyNumber(row: ProvisioningRow): Promise<string> {
    if (row.number_id) return 'number already there';
    // A number near the customer: in the area code of the phone they tried the agent with.
    const trial = row.trial_id ? await this.trials.find(row.trial_id) : null;
    const search = numberSearchFor(trial?.phoneE164 ?? null);
    let candidates = await this.telephony.searchAvailableNumbers({ ...search, limit: 5 });
    // Nothing in the customer's area code: any number in the country will do.
    if (candidates.length === 0 && search.areaCode) candidates = await this.telephony.searchAvailableNumbers({ country: search.country, limit: 5 });
    if (candidates.length === 0) throw new Error('no phone numbers available');
    let lastError: unknown;
    for (const candidate of candidates) {
      let bought: { sid: string; e164: string };
      try {
        // The business id in the friendly name lets staff find a number whose row was never written.
        bought = await this.telephony.buyNumber({ e164: candidate.e164, friendlyName: `Beaker ${row.id}` });
      } catch (err) {
        // Sold meanwhile: try the next one.
        lastError = err;
        continue;
      }
      try {
        await this.businesses.insertNumber(row.id, bought.e164, bought.sid, this.clock.now());
      } catch (err) {
        await this.telephony.releaseNumber(bought.sid).catch(() => undefined);
        // Another business of ours holds this number: the provider's inventory and ours disagree
        // (a sandbox whose Redis was emptied, or a number released at the provider by hand).
        if (!isUniqueViolation(err, 'phone_numbers_e164_live_key')) throw err;
        this.logger.warn({ businessId: row.id, e164: bought.e164 }, 'bought a number another business already holds; released it, trying the next');
        lastError = err;
        continue;
      }
      return `bought ${bought.e164}`;
    }
    throw lastError instanceof Error ? lastError : new Error('no phone number could be bought');
  }

  private async connectNumber(row: ProvisioningRow): Promise<string> {
    if (!row.number_id || !row.e164) throw new Error('no number to connect');
    if (row.vapi_phone_number_id && row.number_status === 'active') return 'number already connected';
    let vapiId = row.vapi_phone_number_id;
    if (!vapiId) {
      // No assistant on the number: each inbound call asks our server which one answers.
      ({ id: vapiId } = await this.voiceAgent.importPhoneNumber({ e164: row.e164, serverUrl: this.serverUrl, name: row.name.slice(0, 40) }));
    }
    const numberId = row.number_id;
    const e164 = row.e164;
    const activated = await this.db.transaction(async (tx) => {
      if (!(await this.businesses.activateNumber(numberId, vapiId, this.clock.now(), tx))) return false;
      await this.outbox.record(tx, { businessId: row.id, type: 'number.provisioned', data: { businessId: row.id, number: { id: numberId, e164 } } });
      return true;
    });
    // The business is live: its owners get the welcome email (once: the job id names the business).
    if (activated) await this.jobs.enqueue(JobName.SendWelcome, { businessId: row.id, e164 }, { jobId: `welcome-${row.id}` });
    return `connected ${row.e164}`;
  }

  private get serverUrl(): string {
    return `${this.config.appUrl}/webhooks/vapi`;
  }

  private load(businessId: string): Promise<ProvisioningRow | null> {
    return this.businesses.provisioning(businessId);
  }

  private mark(businessId: string, status: 'in_progress' | 'done' | 'failed', step: ProvisioningStep | null, error: string | null): Promise<void> {
    return this.businesses.markProvisioning(businessId, status, step, error, this.clock.now());
  }
}

/** The first step whose result is not stored yet, in order. */
export function nextStep(row: Pick<ProvisioningRow, 'vapi_assistant_id' | 'number_id' | 'vapi_phone_number_id' | 'number_status'>): ProvisioningStep | null {
  const done: Record<ProvisioningStep, boolean> = {
    assistant: !!row.vapi_assistant_id,
    number: !!row.number_id,
    connect: !!row.vapi_phone_number_id && row.number_status === 'active',
  };
  return PROVISIONING_STEPS.find((s) => !done[s]) ?? null;
}

function customerMessage(step: ProvisioningStep, stopped: boolean): string {
  if (stopped) return 'Setup stopped because the subscription was canceled.';
  switch (step) {
    case 'assistant':
      return 'We could not create your assistant. Retry setup, or contact us if it keeps failing.';
    case 'number':
      return 'We could not get a phone number. Retry setup, or contact us if it keeps failing.';
    case 'connect':
      return 'We could not connect your number to your assistant. Retry setup, or contact us if it keeps failing.';
  }
}
