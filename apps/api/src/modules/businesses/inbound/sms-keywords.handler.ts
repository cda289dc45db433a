import { Injectable, Logger } from '@nestjs/common';
import { OptOutService, toE164 } from '../../compliance';
import { WebhookHandler, WebhookReply, WebhookResponder, type WebhookHandlerContext, type WebhookHandlerResult } from '../../webhooks';
import { BusinessesRepository } from '../persistence/businesses.repository';
import { smsKeywordOf, smsKeywordReply } from './sms-keywords';

/** Twilio's incoming-message webhook, as much of it as we read. */
interface IncomingMessage {
  MessageSid?: string;
  From?: string;
  To?: string;
  Body?: string;
}

/** Who a text to this number is about: the business that owns it, or Beaker (our verification number, any other). */
const BEAKER = 'Beaker';

/**
 * Texts to our numbers: STOP (and STOPALL, UNSUBSCRIBE, CANCEL, END, QUIT, REVOKE, OPTOUT) puts the
 * sender on the do-not-call list of the business that owns the number, or Beaker's own list for
 * our verification number, and revokes their consent; START or UNSTOP undoes an SMS STOP; HELP
 * gets help. Processed before Twilio gets its answer (the confirmation text), so the number is on
 * the list before the next call is checked.
 */
@Injectable()
export class SmsKeywordsHandler {
  private readonly logger = new Logger(SmsKeywordsHandler.name);

  constructor(
    private readonly businesses: BusinessesRepository,
    private readonly optOuts: OptOutService,
  ) {}

  @WebhookHandler('twilio', 'incoming-message')
  async handle(ctx: WebhookHandlerContext<IncomingMessage>): Promise<WebhookHandlerResult> {
    const { From, To, Body } = ctx.event.payload;
    const keyword = smsKeywordOf(Body ?? '');
    if (keyword !== 'stop' && keyword !== 'start') return 'ignored';
    const from = toE164(From);
    if (!from) return 'ignored';
    const owner = await this.businesses.findByDialledNumber(toE164(To), null, ctx.tx);
    const list = owner?.id ?? null;
    if (keyword === 'stop') {
      const result = await this.optOuts.recordSmsStop(from, list, (Body ?? '').trim(), ctx.tx);
      this.logger.log({ businessId: list, listed: result.listed, revoked: result.revoked }, 'SMS opt-out recorded');
    } else {
      const result = await this.optOuts.recordSmsStart(from, list, (Body ?? '').trim(), ctx.tx);
      this.logger.log({ businessId: list, unlisted: result.unlisted }, 'SMS opt-in recorded');
    }
  }

  @WebhookResponder('twilio', 'incoming-message', { afterProcessing: true })
  async answer(payload: IncomingMessage): Promise<WebhookReply> {
    const keyword = smsKeywordOf(payload.Body ?? '');
    const owner = keyword ? await this.businesses.findByDialledNumber(toE164(payload.To), null) : null;
    return new WebhookReply('text/xml; charset=utf-8', smsKeywordReply(keyword, owner?.name ?? BEAKER));
  }
}
