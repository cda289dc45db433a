import { Injectable } from '@nestjs/common';
import type { AdminBusinessDetail, AdminLeadDetail, AdminPhoneNumberDetail, AdminTrialDetail, AdminUserDetail, Page, WebhookEventSummary } from '@beaker/contracts';
import { AuditService } from '../../common/audit/audit.service';
import { NotFound } from '../../common/errors/common.errors';
import { MembershipService, UsersService } from '../auth';
import { BusinessesService, PlanOverrideService } from '../businesses';
import { CallsService } from '../calls';
import { LeadViewsService } from '../leads';
import { TrialsService } from '../trials';
import { WebhookInspector } from '../webhooks';
import { AdminCostsService } from './admin-costs.service';
import { Clock } from '../../common/clock';

/** A business's page shows its margin over this many days. */
const MARGIN_PERIOD_MS = 30 * 86_400_000;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Staff's pages of one thing, composed from the owning modules' services (never their tables). */
@Injectable()
export class AdminEntitiesService {
  constructor(
    private readonly users: UsersService,
    private readonly memberships: MembershipService,
    private readonly trials: TrialsService,
    private readonly businesses: BusinessesService,
    private readonly calls: CallsService,
    private readonly leads: LeadViewsService,
    private readonly audit: AuditService,
    private readonly costs: AdminCostsService,
    private readonly clock: Clock,
    private readonly webhooks: WebhookInspector,
    private readonly planOverrides: PlanOverrideService,
  ) {}

  async trial(trialId: string): Promise<AdminTrialDetail> {
    const trial = await this.trials.find(trialId);
    if (!trial) throw new NotFound('No such trial');
    const [response, owner] = await Promise.all([this.trials.response(trial), this.users.find(trial.userId)]);
    return { trial: response, owner: owner ? { id: owner.id, email: owner.email } : null };
  }

  async lead(leadId: string): Promise<AdminLeadDetail> {
    const lead = await this.leads.leadOf(null, leadId);
    const [view, businessName] = await Promise.all([this.leads.view(lead), this.businesses.nameOf(lead.businessId)]);
    return { lead: view, businessName };
  }

  async phoneNumber(numberId: string): Promise<AdminPhoneNumberDetail> {
    const number = UUID.test(numberId) ? await this.businesses.phoneNumberForStaff(numberId) : null;
    if (!number) throw new NotFound('No such phone number');
    return number;
  }

  /** The provider webhook events about a call (Vapi's by its call id, Twilio's by its CallSid), oldest first. */
  async callWebhookEvents(callId: string): Promise<Page<WebhookEventSummary>> {
    const [call] = UUID.test(callId) ? await this.calls.findByIds([callId]) : [];
    if (!call) throw new NotFound('No such call');
    const items = await this.webhooks.eventsAboutCall({ vapiCallId: call.vapiCallId, twilioCallSid: call.twilioCallSid });
    return { items, nextCursor: null };
  }

  async user(userId: string): Promise<AdminUserDetail> {
    const detail = await this.users.staffDetail(userId);
    if (!detail) throw new NotFound('No such user');
    const id = detail.user.id;
    const [businesses, trials, audit] = await Promise.all([
      this.memberships.rolesFor(id),
      this.trials.list(id, { limit: 20 }),
      this.audit.list({ targetType: 'user', targetId: id, limit: 20 }),
    ]);
    return { ...detail, businesses, trials: trials.items, auditEvents: audit.items };
  }

  async business(businessId: string): Promise<AdminBusinessDetail> {
    const stripe = UUID.test(businessId) ? await this.businesses.stripeIdsOf(businessId) : null;
    if (!stripe) throw new NotFound('No such business');
    const to = this.clock.now();
    const [business, members, calls, leads, audit, margin, planOverride] = await Promise.all([
      this.businesses.overview(businessId, null),
      this.memberships.listMembers(businessId),
      this.calls.listForBusiness(businessId, { from: null, to: null, limit: 10 }),
      this.leads.list(businessId, { limit: 10 }),
      this.audit.list({ businessId, limit: 20 }),
      this.costs.marginOf(businessId, { from: new Date(to.getTime() - MARGIN_PERIOD_MS), to }),
      this.planOverrides.current(businessId),
    ]);
    return {
      business,
      stripeCustomerId: stripe.customerId,
      stripeSubscriptionId: stripe.subscriptionId,
      members,
      recentCalls: calls.items,
      recentLeads: leads.items,
      auditEvents: audit.items,
      margin,
      planOverride,
    };
  }
}
