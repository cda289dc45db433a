import { Injectable } from '@nestjs/common';
import { providerCallFromReport } from '../../../integrations/vapi/vapi.mapping';
import type { VapiEndOfCallReport } from '../../../integrations/vapi/vapi.types';
import { OptOutService } from '../../compliance';
import { PermanentWebhookError, WebhookHandler, type WebhookHandlerContext, type WebhookHandlerResult } from '../../webhooks';
import { callOutcomeOf, optOutIn } from '../call-outcome';
import { CallsService } from '../calls.service';
import { CallEventLocator } from './call-event.locator';

/**
 * Vapi `end-of-call-report`: the call's outcome, transcript, recording, summary, lead and costs;
 * an opt-out heard in the call goes on the do-not-call list in the same transaction, so it is
 * recorded exactly once with the report.
 */
@Injectable()
export class VapiEndOfCallReportHandler {
  constructor(
    private readonly calls: CallsService,
    private readonly locator: CallEventLocator,
    private readonly optOuts: OptOutService,
  ) {}

  @WebhookHandler('vapi', 'end-of-call-report')
  async handle(ctx: WebhookHandlerContext<{ message?: VapiEndOfCallReport }>): Promise<WebhookHandlerResult> {
    const report = ctx.event.payload.message;
    if (!report?.call?.id) throw new PermanentWebhookError('end-of-call-report without a call id');
    const call = await this.locator.lockForVapi(ctx.tx, report.call);
    const outcome = callOutcomeOf(providerCallFromReport(report), { durationSeconds: (report as { durationSeconds?: unknown }).durationSeconds });
    const change = await this.calls.finish(ctx.tx, call, outcome, { vapiCallId: report.call.id });
    const optOut = optOutIn(report);
    if (optOut) {
      await this.optOuts.recordInCallOptOut(
        {
          callId: call.id,
          businessId: call.businessId,
          trialId: call.trialId,
          phoneE164: call.direction === 'inbound' ? call.fromE164 : call.toE164,
          source: optOut,
          at: outcome.endedAt ?? ctx.event.receivedAt,
        },
        ctx.tx,
      );
    }
    if (change) ctx.afterCommit(() => this.calls.publish(change));
  }
}
