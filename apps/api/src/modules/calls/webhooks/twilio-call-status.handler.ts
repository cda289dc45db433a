import { Injectable } from '@nestjs/common';
import { PermanentWebhookError, WebhookHandler, type WebhookHandlerContext, type WebhookHandlerResult } from '../../webhooks';
import { callStatusFromTwilio } from '../call-status';
import { CallsService } from '../calls.service';

type TwilioBody = Record<string, string | string[] | undefined>;

const one = (v: string | string[] | undefined): string | undefined => (Array.isArray(v) ? v[0] : v);

/**
 * Twilio status callbacks, by CallSid. They move open statuses forward; the final status of a
 * call that Vapi runs is Vapi's to give (its report has the reason and the conversation), so
 * Twilio ends only calls that have no Vapi id. An unknown CallSid is ignored (not ours to track).
 */
@Injectable()
export class TwilioCallStatusHandler {
  constructor(private readonly calls: CallsService) {}

  @WebhookHandler('twilio', 'call-status')
  async handle(ctx: WebhookHandlerContext<TwilioBody>): Promise<WebhookHandlerResult> {
    const payload = ctx.event.payload;
    const sid = one(payload.CallSid);
    const twilioStatus = one(payload.CallStatus);
    if (!sid) throw new PermanentWebhookError('status callback without a CallSid');
    const call = await this.calls.lockCall(ctx.tx, { twilioCallSid: sid });
    if (!call) return 'ignored';
    const status = callStatusFromTwilio(twilioStatus);
    if (!status) return 'ignored';
    let change = null;
    if (status === 'initiated' || status === 'ringing' || status === 'in_progress') {
      change = await this.calls.advance(ctx.tx, call, status);
    } else if (!call.vapiCallId) {
      const duration = Number(one(payload.CallDuration));
      const extra = Number.isFinite(duration) && duration >= 0 ? { durationSeconds: Math.round(duration) } : {};
      change = status === 'completed' ? await this.calls.complete(ctx.tx, call, 'completed', extra) : await this.calls.fail(ctx.tx, call, twilioStatus ?? 'failed', extra);
    } else {
      return 'ignored';
    }
    if (change) ctx.afterCommit(() => this.calls.publish(change));
  }
}
