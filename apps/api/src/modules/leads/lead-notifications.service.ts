import { Injectable, Logger } from '@nestjs/common';
import type { LeadNotificationSettings } from '@beaker/contracts';
import { Clock } from '../../common/clock';
import { Mailer } from '../../common/mail/mailer';
import { JobName, JobPayloads } from '../../common/queue/jobs';
import { AppConfig } from '../../config/app-config';
import { MembershipService } from '../auth';
import { BusinessesService } from '../businesses';
import { CallsService } from '../calls';
import { newLeadEmail, planLimitEmail } from './new-lead.email';
import { LeadNotificationSettingsRepository } from './persistence/lead-notification-settings.repository';
import { LeadsRepository } from './persistence/leads.repository';

/**
 * Tells a business's people about leads, by email: every new lead (owners unless they turned it
 * off, members who turned it on), and a lead the plan's limit kept from being called (owners).
 */
@Injectable()
export class LeadNotificationsService {
  private readonly logger = new Logger(LeadNotificationsService.name);

  constructor(
    private readonly leads: LeadsRepository,
    private readonly settings: LeadNotificationSettingsRepository,
    private readonly membership: MembershipService,
    private readonly businesses: BusinessesService,
    private readonly calls: CallsService,
    private readonly mailer: Mailer,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async notify(payload: JobPayloads[JobName.NotifyLeadOwners]): Promise<{ sent: number }> {
    const lead = await this.leads.find(payload.leadId);
    if (!lead) return { sent: 0 };
    const businessName = await this.businesses.nameOf(lead.businessId);
    if (businessName === null) return { sent: 0 };
    const base = `${this.config.appUrl}/app/businesses/${lead.businessId}`;
    const leadUrl = `${base}/leads/${lead.id}`;
    const recipients = await this.recipients(lead.businessId, payload.reason);
    let urgency: string | null = null;
    let want = lead.message;
    if (lead.inboundCallId) {
      const [call] = await this.calls.findByIds([lead.inboundCallId]);
      urgency = call?.extractedLead?.urgency ?? null;
      want = call?.extractedLead?.intent ?? lead.message ?? call?.summary ?? null;
    }
    // A failure throws: the job retries (someone may then get the email twice, never zero times).
    for (const to of recipients) {
      const message =
        payload.reason === 'new_lead'
          ? newLeadEmail(to, { businessName, name: lead.name, phone: lead.phoneE164, email: lead.email, want, urgency, source: lead.source, leadUrl, settingsUrl: `${base}/leads?settings=notifications` })
          : planLimitEmail(to, { businessName, name: lead.name, phone: lead.phoneE164, leadUrl, billingUrl: `${base}/billing` });
      await this.mailer.send(message);
    }
    await this.leads.insertEvent({ leadId: lead.id, kind: 'notified', detail: { reason: payload.reason, recipients: recipients.length }, at: this.clock.now() });
    this.logger.log({ leadId: lead.id, reason: payload.reason, recipients: recipients.length }, 'lead notification sent');
    return { sent: recipients.length };
  }

  /** Owners unless they said no; members only if they said yes. The plan-limit notice goes to owners. */
  private async recipients(businessId: string, reason: 'new_lead' | 'plan_limit'): Promise<string[]> {
    if (reason === 'plan_limit') return this.membership.emailsOf(businessId, ['owner']);
    const [members, choices] = await Promise.all([this.membership.listMembers(businessId), this.settings.choicesIn(businessId)]);
    return members.filter((m) => choices.get(m.userId) ?? m.role === 'owner').map((m) => m.email);
  }

  async settingsFor(businessId: string, userId: string): Promise<LeadNotificationSettings> {
    const [choice, role] = await Promise.all([this.settings.choiceOf(businessId, userId), this.membership.roleIn(businessId, userId)]);
    return { emailOnNewLead: choice ?? role === 'owner' };
  }

  async saveSettings(businessId: string, userId: string, settings: LeadNotificationSettings): Promise<LeadNotificationSettings> {
    await this.settings.save(businessId, userId, settings.emailOnNewLead, this.clock.now());
    return { emailOnNewLead: settings.emailOnNewLead };
  }
}
