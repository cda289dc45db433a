import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { Database } from '../../database/database';
import { ProviderCall, VoiceAgentPort } from '../../integrations/vapi/vapi.port';
import { callOutcomeOf } from './call-outcome';
import { callStatusFromVapi } from './call-status';
import { CallStatusChange } from './call-status-notifier';
import { CallsRepository } from './calls.repository';
import { CallsService } from './calls.service';

/**
 * A call not ended this long after it was placed is asked about. With the job running every minute
 * (and a minute's margin for a busy queue), a call whose report never came is closed within 10
 * minutes of being placed (the goal); one still going is only looked at again.
 */
export const RECONCILE_AFTER_MS = 8 * 60_000;
/** The provider says it is still going this long after: it is not, whatever it says. */
export const MAX_OPEN_MS = 2 * 3600_000;
/** The provider cannot be reached for this long about a call: it is closed anyway. */
export const MAX_UNREACHABLE_MS = 24 * 3600_000;
const BATCH = 200;

export const RECONCILIATION_NOT_FOUND = 'reconciliation-not-found';
export const RECONCILIATION_TIMEOUT = 'reconciliation-timeout';

export interface ReconciliationResult {
  checked: number;
  completed: number;
  failed: number;
  stillOpen: number;
  errors: number;
}

/**
 * Vapi sends the end-of-call report once and never again: a lost one would leave a call "in
 * progress" forever. Every minute, calls still open 8 minutes after creation are looked up with
 * the provider (VoiceAgentPort.getCall): ended → completed or failed from the provider's data;
 * unknown → failed (reconciliation-not-found); still running for over 2 hours → failed (timeout).
 */
@Injectable()
export class CallReconciliation {
  private readonly logger = new Logger(CallReconciliation.name);

  constructor(
    private readonly db: Database,
    private readonly repository: CallsRepository,
    private readonly clock: Clock,
    private readonly calls: CallsService,
    // Bound by the global ProvidersModule: the live adapter or the sandbox.
    private readonly voiceAgent: VoiceAgentPort,
  ) {}

  async reconcile(): Promise<ReconciliationResult> {
    const result: ReconciliationResult = { checked: 0, completed: 0, failed: 0, stillOpen: 0, errors: 0 };
    const now = this.clock.now();
    const open = await this.repository.findOpenCreatedBefore(new Date(now.getTime() - RECONCILE_AFTER_MS), BATCH);
    for (const row of open) {
      result.checked++;
      const age = now.getTime() - row.created_at.getTime();
      let provider: ProviderCall | null = null;
      if (row.vapi_call_id) {
        try {
          provider = await this.voiceAgent.getCall(row.vapi_call_id);
        } catch (err) {
          this.logger.warn({ callId: row.id, err: (err as Error).message }, 'reconciliation: the provider did not answer');
          if (age < MAX_UNREACHABLE_MS) {
            result.errors++;
            continue;
          }
        }
      }
      try {
        const change = await this.settle(row.id, provider, age);
        if (change?.status === 'completed') result.completed++;
        else if (change?.status === 'failed') result.failed++;
        else result.stillOpen++;
        await this.calls.publish(change);
      } catch (err) {
        result.errors++;
        this.logger.warn({ callId: row.id, err: (err as Error).message }, 'reconciliation of a call failed');
      }
    }
    if (result.checked > 0) this.logger.log(result, 'calls reconciled');
    return result;
  }

  private settle(callId: string, provider: ProviderCall | null, ageMs: number): Promise<CallStatusChange | null> {
    return this.db.transaction(async (tx) => {
      const call = await this.calls.lockCall(tx, { callId });
      // Ended meanwhile (the report arrived): nothing to do.
      if (!call || call.status === 'completed' || call.status === 'failed') return null;
      if (!provider) return this.calls.fail(tx, call, RECONCILIATION_NOT_FOUND);
      if (provider.status === 'ended') return this.calls.finish(tx, call, callOutcomeOf(provider), { vapiCallId: provider.id });
      if (ageMs > MAX_OPEN_MS) return this.calls.fail(tx, call, RECONCILIATION_TIMEOUT);
      const status = callStatusFromVapi(provider.status);
      return status ? this.calls.advance(tx, call, status) : null;
    });
  }
}
