import { Injectable, Logger } from '@nestjs/common';
import { PAST_DUE_GRACE_DAYS } from '@beaker/contracts';
import { Mailer, MailMessage } from '../../../common/mail/mailer';
import { JobName, JobPayloads } from '../../../common/queue/jobs';
import { AppConfig } from '../../../config/app-config';
import { MembershipService } from '../../auth';
import { BusinessesRepository } from '../persistence/businesses.repository';
import { EMAIL_BODY_STYLE, EMAIL_BUTTON_STYLE, escapeHtml } from '../../../common/mail/html';

export function paymentFailedEmail(to: string, businessName: string, billingUrl: string): MailMessage {
  const subject = `Payment failed for ${businessName} on Beaker`;
  const text = [
    'Hi,',
    '',
    `We couldn't take the payment for ${businessName}'s Beaker subscription.`,
    `Your assistant keeps answering calls for ${PAST_DUE_GRACE_DAYS} days; after that, callers hear a message that you can't take calls right now.`,
    '',
    'Update your card here:',
    billingUrl,
    '',
    '— Beaker',
  ].join('\n');
  const href = escapeHtml(billingUrl);
  const name = escapeHtml(businessName);
  const html = `<!doctype html>
<html><body style="${EMAIL_BODY_STYLE}">
  <p>Hi,</p>
  <p>We couldn't take the payment for <strong>${name}</strong>'s Beaker subscription.</p>
  <p>Your assistant keeps answering calls for ${PAST_DUE_GRACE_DAYS} days; after that, callers hear a message that you can't take calls right now.</p>
  <p><a href="${href}" style="${EMAIL_BUTTON_STYLE}">Update your card</a></p>
  <p style="font-size: 13px; color: #555">Or paste this link into your browser:<br><a href="${href}">${href}</a></p>
</body></html>`;
  return { to, subject, text, html };
}

/** Emails the owners of a business whose renewal payment failed (one job per failed attempt). */
@Injectable()
export class PaymentFailedNotice {
  private readonly logger = new Logger(PaymentFailedNotice.name);

  constructor(
    private readonly businesses: BusinessesRepository,
    private readonly membership: MembershipService,
    private readonly mailer: Mailer,
    private readonly config: AppConfig,
  ) {}

  async notify(payload: JobPayloads[JobName.NotifyPaymentFailed]): Promise<{ sent: number }> {
    const name = await this.businesses.nameOf(payload.businessId);
    const owners = name === null ? [] : await this.membership.emailsOf(payload.businessId, ['owner']);
    const billingUrl = `${this.config.appUrl}/app/businesses/${payload.businessId}/billing`;
    // A failure throws: the job retries (an owner may then get the email twice, never zero times).
    for (const email of owners) await this.mailer.send(paymentFailedEmail(email, name!, billingUrl));
    this.logger.log({ businessId: payload.businessId, invoiceId: payload.invoiceId, owners: owners.length }, 'payment-failed notice sent');
    return { sent: owners.length };
  }
}
