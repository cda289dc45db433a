import { Injectable, Logger } from '@nestjs/common';
import { Mailer, MailMessage } from '../../../common/mail/mailer';
import { escapeHtml } from '../../../common/mail/html';
import { JobName, JobPayloads } from '../../../common/queue/jobs';
import { AppConfig } from '../../../config/app-config';
import { MembershipService } from '../../auth';
import { BusinessesRepository } from '../persistence/businesses.repository';

/** A North American number as people write it: +13035550123 → (303) 555-0123. */
export function nationalFormat(e164: string): string {
  const m = /^\+1(\d{3})(\d{3})(\d{4})$/.exec(e164);
  return m ? `(${m[1]}) ${m[2]}-${m[3]}` : e164;
}

export function welcomeEmail(to: string, businessName: string, number: string, dashboardUrl: string): MailMessage {
  const subject = `${businessName} is live on Beaker`;
  const steps = [
    `Hear your agent: call ${number} from any phone.`,
    'Forward your business line to it: your dashboard has the steps for your carrier.',
    'Add a form, so that new leads get a call in seconds.',
    'Invite your team.',
  ];
  const text = ['Hi,', '', `Your assistant now answers ${businessName}'s calls at ${number}.`, '', ...steps.map((s, i) => `${i + 1}. ${s}`), '', dashboardUrl, '', '— Beaker'].join('\n');
  const href = escapeHtml(dashboardUrl);
  const html = `<!doctype html>
<html><body style="font-family: -apple-system, Segoe UI, Helvetica, Arial, sans-serif; color: #1a1a1a; line-height: 1.5">
  <p>Hi,</p>
  <p>Your assistant now answers <strong>${escapeHtml(businessName)}</strong>'s calls at <strong>${escapeHtml(number)}</strong>.</p>
  <ol>${steps.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ol>
  <p><a href="${href}" style="display: inline-block; padding: 10px 18px; background: #3b5bdb; color: #fff; border-radius: 6px; text-decoration: none">Open your dashboard</a></p>
  <p style="font-size: 13px; color: #555">Or paste this link into your browser:<br><a href="${href}">${href}</a></p>
</body></html>`;
  return { to, subject, text, html };
}

/** Emails the owners of a business that it is live (its number wired to the assistant), once. */
@Injectable()
export class WelcomeNotice {
  private readonly logger = new Logger(WelcomeNotice.name);

  constructor(
    private readonly businesses: BusinessesRepository,
    private readonly membership: MembershipService,
    private readonly mailer: Mailer,
    private readonly config: AppConfig,
  ) {}

  async notify(payload: JobPayloads[JobName.SendWelcome]): Promise<{ sent: number }> {
    const name = await this.businesses.nameOf(payload.businessId);
    const owners = name === null ? [] : await this.membership.emailsOf(payload.businessId, ['owner']);
    const dashboardUrl = `${this.config.appUrl}/app/businesses/${payload.businessId}`;
    // A failure throws: the job retries (an owner may then get the email twice, never zero times).
    for (const email of owners) await this.mailer.send(welcomeEmail(email, name!, nationalFormat(payload.e164), dashboardUrl));
    this.logger.log({ businessId: payload.businessId, owners: owners.length }, 'welcome sent');
    return { sent: owners.length };
  }
}
