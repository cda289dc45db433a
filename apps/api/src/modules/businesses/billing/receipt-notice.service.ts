import { Injectable, Logger } from '@nestjs/common';
import { Mailer, MailMessage } from '../../../common/mail/mailer';
import { escapeHtml } from '../../../common/mail/html';
import { JobName, JobPayloads } from '../../../common/queue/jobs';
import { AppConfig } from '../../../config/app-config';
import { MembershipService } from '../../auth';
import { BusinessesRepository } from '../persistence/businesses.repository';

/** An invoice's amount as people read it ("$49.00"); Stripe's currency codes are lower case. */
export function formatAmount(cents: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency: currency.toUpperCase() }).format(cents / 100);
}

export function receiptEmail(to: string, businessName: string, amount: string, invoiceId: string, billingUrl: string): MailMessage {
  const subject = `Your Beaker receipt for ${businessName}: ${amount} paid`;
  const text = [
    'Hi,',
    '',
    `Thank you: we received ${amount} for ${businessName}'s Beaker subscription.`,
    `Invoice: ${invoiceId}`,
    '',
    'Your plan, invoices and card are on your billing page:',
    billingUrl,
    '',
    '— Beaker',
  ].join('\n');
  const href = escapeHtml(billingUrl);
  const html = `<!doctype html>
<html><body style="font-family: -apple-system, Segoe UI, Helvetica, Arial, sans-serif; color: #1a1a1a; line-height: 1.5">
  <p>Hi,</p>
  <p>Thank you: we received <strong>${escapeHtml(amount)}</strong> for <strong>${escapeHtml(businessName)}</strong>'s Beaker subscription.</p>
  <p style="font-size: 13px; color: #555">Invoice: ${escapeHtml(invoiceId)}</p>
  <p><a href="${href}" style="display: inline-block; padding: 10px 18px; background: #3b5bdb; color: #fff; border-radius: 6px; text-decoration: none">View billing</a></p>
  <p style="font-size: 13px; color: #555">Or paste this link into your browser:<br><a href="${href}">${href}</a></p>
</body></html>`;
  return { to, subject, text, html };
}

/** Emails the owners of a business the receipt of a paid invoice (one job per invoice). */
@Injectable()
export class ReceiptNotice {
  private readonly logger = new Logger(ReceiptNotice.name);

  constructor(
    private readonly businesses: BusinessesRepository,
    private readonly membership: MembershipService,
    private readonly mailer: Mailer,
    private readonly config: AppConfig,
  ) {}

  async notify(payload: JobPayloads[JobName.NotifyInvoicePaid]): Promise<{ sent: number }> {
    const name = await this.businesses.nameOf(payload.businessId);
    const owners = name === null ? [] : await this.membership.emailsOf(payload.businessId, ['owner']);
    const billingUrl = `${this.config.appUrl}/app/businesses/${payload.businessId}/billing`;
    const amount = formatAmount(payload.amountPaidCents, payload.currency);
    // A failure throws: the job retries (an owner may then get the email twice, never zero times).
    for (const email of owners) await this.mailer.send(receiptEmail(email, name!, amount, payload.invoiceId, billingUrl));
    this.logger.log({ businessId: payload.businessId, invoiceId: payload.invoiceId, owners: owners.length }, 'receipt sent');
    return { sent: owners.length };
  }
}
