import { Injectable } from '@nestjs/common';
import type { VapiStatusUpdate } from '../../../integrations/vapi/vapi.types';
import { PermanentWebhookError, WebhookHandler, type WebhookHandlerContext, type WebhookHandlerResult } from '../../webhooks';
import { callStatusFromVapi } from '../call-status';
import { CallsService } from '../calls.service';
import { CallEventLocator } from './call-event.locator';

/**
 * Vapi `status-update`: scheduled/queued → initiated, ringing → ringing, in-progress/forwarding →
 * in_progress; ended: the reason is kept, the status is left to the end-of-call report. Runs in the
 * event's processing transaction; idempotent (a late or replayed update never moves a call back).
 */
@Injectable()
export class VapiStatusUpdateHandler {
  constructor(
    private readonly calls: CallsService,
    private readonly locator: CallEventLocator,
  ) {}

  @WebhookHandler('vapi', 'status-update')
  async handle(ctx: WebhookHandlerContext<{ message?: VapiStatusUpdate }>): Promise<WebhookHandlerResult> {
    const message = ctx.event.payload.message;
    if (!message?.call?.id) throw new PermanentWebhookError('status-update without a call id');
    const call = await this.locator.lockForVapi(ctx.tx, message.call);
    if (message.status === 'ended') {
      if (message.endedReason) await this.calls.recordEndedReason(ctx.tx, call, message.endedReason);
      return;
    }
    const status = callStatusFromVapi(message.status);
    if (!status) return 'ignored';
    const change = await this.calls.advance(ctx.tx, call, status, { vapiCallId: message.call.id });
    if (change) ctx.afterCommit(() => this.calls.publish(change));
  }
}
