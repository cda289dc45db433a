import { Inject, Injectable } from '@nestjs/common';
import { ourCallIdOf, providerCallFromReport } from '../../integrations/vapi/vapi.mapping';
import type { VapiEndOfCallReport, VapiStatusUpdate } from '../../integrations/vapi/vapi.types';
import { PermanentWebhookError, WebhookHandler, WebhookHandlerContext, WebhookHandlerResult } from '../webhooks/webhook-handlers';
import { callOutcomeOf, optOutIn } from './call-outcome';
import { callStatusFromTwilio, callStatusFromVapi } from './call-status';
import { CallRow, CallsService } from './calls.service';
import { OPT_OUT_RECORDER_IN_USE, OptOutRecorder } from './opt-out-recorder';

type VapiBody<M> = { message?: M };
type TwilioBody = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

export class CallNotFoundForEvent extends Error {}

/**
 * The effects of provider call events, in the module that owns calls. Each runs inside the
 * event's processing transaction (ctx.manager) and is idempotent: a replay, or an event that
 * arrives late, changes nothing a later event already decided.
 */
@Injectable()
export class CallWebhookHandlers {
  constructor(
    private readonly calls: CallsService,
    @Inject(OPT_OUT_RECORDER_IN_USE) private readonly optOuts: OptOutRecorder,
  ) {}

  /** scheduled/queued → initiated, ringing → ringing, in-progress/forwarding → in_progress; ended: reason kept, status left to the report. */
  @WebhookHandler('vapi', 'status-update')
  async vapiStatusUpdate(ctx: WebhookHandlerContext<VapiBody<VapiStatusUpdate>>): Promise<WebhookHandlerResult> {
    const message = ctx.event.payload.message;
    if (!message?.call?.id) throw new PermanentWebhookError('status-update without a call id');
    const call = await this.findCall(ctx, message.call);
    if (message.status === 'ended') {
      if (message.endedReason) await this.calls.recordEndedReason(ctx.manager, call, message.endedReason);
      return;
    }
    const status = callStatusFromVapi(message.status);
    if (!status) return 'ignored';
    const change = await this.calls.advance(ctx.manager, call, status, { vapiCallId: message.call.id });
    if (change) ctx.afterCommit(() => this.calls.publish(change));
  }

  /** The call's outcome, transcript, recording, summary, lead and costs; an opt-out is recorded in the same transaction. */
  @WebhookHandler('vapi', 'end-of-call-report')
  async vapiEndOfCallReport(ctx: WebhookHandlerContext<VapiBody<VapiEndOfCallReport>>): Promise<WebhookHandlerResult> {
    const report = ctx.event.payload.message;
    if (!report?.call?.id) throw new PermanentWebhookError('end-of-call-report without a call id');
    const call = await this.findCall(ctx, report.call);
    const outcome = callOutcomeOf(providerCallFromReport(report), { durationSeconds: (report as { durationSeconds?: unknown }).durationSeconds });
    const change = await this.calls.finish(ctx.manager, call, outcome, { vapiCallId: report.call.id });
    const optOut = optOutIn(report);
    if (optOut) {
      await this.optOuts.record(
        {
          callId: call.id,
          businessId: call.businessId,
          trialId: call.trialId,
          phoneE164: call.direction === 'inbound' ? call.fromE164 : call.toE164,
          source: optOut,
          at: outcome.endedAt ?? ctx.event.receivedAt,
        },
        ctx.manager,
      );
    }
    if (change) ctx.afterCommit(() => this.calls.publish(change));
  }

  /**
   * Twilio status callbacks, by CallSid. They move open statuses forward; the final status of a
   * call that Vapi runs is Vapi's to give (its report has the reason and the conversation), so
   * Twilio ends only calls that have no Vapi id. An unknown CallSid is ignored (not ours to track).
   */
  @WebhookHandler('twilio', 'call-status')
  async twilioCallStatus(ctx: WebhookHandlerContext<TwilioBody>): Promise<WebhookHandlerResult> {
    const payload = ctx.event.payload;
    const sid = one(payload.CallSid);
    const twilioStatus = one(payload.CallStatus);
    if (!sid) throw new PermanentWebhookError('status callback without a CallSid');
    const call = await this.calls.lockCall(ctx.manager, { twilioCallSid: sid });
    if (!call) return 'ignored';
    const status = callStatusFromTwilio(twilioStatus);
    if (!status) return 'ignored';
    let change = null;
    if (status === 'initiated' || status === 'ringing' || status === 'in_progress') {
      change = await this.calls.advance(ctx.manager, call, status);
    } else if (!call.vapiCallId) {
      const duration = Number(one(payload.CallDuration));
      const extra = Number.isFinite(duration) && duration >= 0 ? { durationSeconds: Math.round(duration) } : {};
      change =
        status === 'completed'
          ? await this.calls.complete(ctx.manager, call, 'completed', extra)
          : await this.calls.fail(ctx.manager, call, twilioStatus ?? 'failed', extra);
    } else {
      return 'ignored';
    }
    if (change) ctx.afterCommit(() => this.calls.publish(change));
  }

  private async findCall(ctx: WebhookHandlerContext, vapiCall: { id: string } & Parameters<typeof ourCallIdOf>[0]): Promise<CallRow> {
    const call = await this.calls.lockCall(ctx.manager, { callId: ourCallIdOf(vapiCall), vapiCallId: vapiCall.id });
    // Retried: the row may be committed a moment after the provider's first event (inbound calls).
    if (!call) throw new CallNotFoundForEvent(`no call for Vapi call ${vapiCall.id}`);
    return call;
  }
}
