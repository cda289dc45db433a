import { Injectable } from '@nestjs/common';
import type { LeadSource, LeadStatus } from '@beaker/contracts';
import type { Tx } from '../../database/database';
import { OutboundEventsService } from '../outbound-webhooks';

/** What a lead's webhook events say about it. */
export interface LeadFacts {
  id: string;
  businessId: string;
  source: LeadSource;
  sourceDetail: string | null;
  formId: string | null;
  phoneE164: string;
  name: string | null;
  email: string | null;
  message: string | null;
}

const STATUS_EVENTS = { called: 'lead.called', deferred: 'lead.deferred', blocked: 'lead.blocked' } as const;

/**
 * The leads module's webhook events (`lead.created`, `lead.called`, `lead.deferred`,
 * `lead.blocked`), written to the outbox in the transaction of the change, beside its lead_events row.
 */
@Injectable()
export class LeadWebhookEvents {
  constructor(private readonly outbox: OutboundEventsService) {}

  async created(tx: Tx, lead: LeadFacts, state: { status: LeadStatus; statusReason: string | null }, at: Date): Promise<void> {
    await this.outbox.record(tx, { businessId: lead.businessId, type: 'lead.created', data: { lead: { ...this.view(lead), ...state, createdAt: at.toISOString() } }, at });
    await this.statusChanged(tx, lead, state.status, state.statusReason, {}, at);
  }

  /** A status change; only called, deferred and blocked are events. */
  async statusChanged(tx: Tx, lead: LeadFacts, status: LeadStatus, reason: string | null, detail: Record<string, unknown>, at: Date): Promise<void> {
    const type = STATUS_EVENTS[status as keyof typeof STATUS_EVENTS];
    if (!type) return;
    await this.outbox.record(tx, { businessId: lead.businessId, type, data: { lead: { ...this.view(lead), status, statusReason: reason }, ...detail }, at });
  }

  private view(lead: LeadFacts): Record<string, unknown> {
    return {
      id: lead.id,
      businessId: lead.businessId,
      source: lead.source,
      sourceDetail: lead.sourceDetail,
      formId: lead.formId,
      phone: lead.phoneE164,
      name: lead.name,
      email: lead.email,
      message: lead.message,
    };
  }
}
