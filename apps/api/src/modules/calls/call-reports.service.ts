import { Injectable } from '@nestjs/common';
import type { CallLeadView, CallReport, TranscriptTurnView } from '@beaker/contracts';
import { NotFound } from '../../common/errors/common.errors';
import { type Actor, MembershipService } from '../auth';
import { CallAudienceReadModel } from './call-audience.read-model';
import { CallsRepository } from './calls.repository';
import type { Call } from './entities/call.entity';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const text = (v: unknown): string | null => (typeof v === 'string' && v.trim().length > 0 ? v.trim() : null);

/** The report of a call, for whoever may see it: the trial's owner, the business's members and keys, staff. */
@Injectable()
export class CallReports {
  constructor(
    private readonly calls: CallsRepository,
    private readonly audience: CallAudienceReadModel,
    private readonly membership: MembershipService,
  ) {}

  /** The call if the actor may see it; anyone else gets 404, so that existence does not leak. */
  async findForActor(actor: Actor, callId: string): Promise<Call> {
    if (!UUID.test(callId)) throw new NotFound('No such call');
    const call = await this.calls.find(callId);
    if (!call || !(await this.maySee(actor, call))) throw new NotFound('No such call');
    return call;
  }

  private async maySee(actor: Actor, call: Call): Promise<boolean> {
    if (actor.kind === 'api_key') return call.businessId !== null && call.businessId === actor.businessId;
    if (actor.trialId) return call.trialId === actor.trialId;
    if (actor.user.role === 'admin') return true;
    if (call.trialId) return (await this.audience.trialOwnerOf(call.trialId)) === actor.user.id;
    if (call.businessId) return (await this.membership.roleIn(call.businessId, actor.user.id)) !== null;
    return false;
  }

  /**
   * The report as its reader may see it: the cost per provider (our suppliers' prices) only for
   * Beaker staff (`staff`); prospects, owners and integrators get the total alone (issue 18).
   */
  toReport(call: Call, { staff = false }: { staff?: boolean } = {}): CallReport {
    const transcript: TranscriptTurnView[] = (call.transcript ?? [])
      .filter((t) => t && typeof t.text === 'string')
      .map((t) => ({ speaker: t.speaker === 'caller' ? 'caller' : 'assistant', text: t.text, at: typeof t.at === 'number' ? t.at : 0 }));
    const lead: CallLeadView | null = call.extractedLead
      ? {
          name: text(call.extractedLead.name),
          phone: text(call.extractedLead.phone),
          email: text(call.extractedLead.email),
          intent: text(call.extractedLead.intent),
          urgency: text(call.extractedLead.urgency),
        }
      : null;
    const byProvider: Record<string, number> = {};
    for (const [provider, amount] of Object.entries(staff ? (call.costBreakdown ?? {}) : {})) {
      if (typeof amount === 'number' && Number.isFinite(amount)) byProvider[provider] = amount;
    }
    return {
      id: call.id,
      status: call.status,
      direction: call.direction,
      to: call.toE164,
      trialId: call.trialId,
      businessId: call.businessId,
      createdAt: call.createdAt.toISOString(),
      startedAt: call.startedAt?.toISOString() ?? null,
      endedAt: call.endedAt?.toISOString() ?? null,
      durationSeconds: call.durationSeconds,
      endedReason: call.endedReason,
      transcript,
      recordingUrl: call.recordingUrl,
      summary: call.summary,
      lead,
      cost: { total: call.costTotal === null ? null : Number(call.costTotal), byProvider },
    };
  }
}
