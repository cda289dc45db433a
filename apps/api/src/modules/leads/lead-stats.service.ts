import { Injectable } from '@nestjs/common';
import { type CapturedLeadRow, type LeadActivityRow, LeadsRepository } from './persistence/leads.repository';

export type { CapturedLeadRow, LeadActivityRow } from './persistence/leads.repository';

/** Leads added up over a time range, for the analytics module (the SQL stays in this module's repository). */
@Injectable()
export class LeadStatsService {
  constructor(private readonly leads: LeadsRepository) {}

  /** Leads captured in [from, to), their time to the first call, and deferrals and blocks decided in it (businessId null: every business). */
  activityIn(businessId: string | null, from: Date, to: Date): Promise<LeadActivityRow> {
    return this.leads.activityIn(businessId, from, to);
  }

  /** The latest change to a business's leads created in [from, to). */
  lastChangeIn(businessId: string, from: Date, to: Date): Promise<Date | null> {
    return this.leads.lastChangeIn(businessId, from, to);
  }

  /** A business's leads created in [from, to), oldest first, at most `limit` (the weekly report's list), and their total. */
  capturedIn(businessId: string, from: Date, to: Date, limit: number): Promise<{ total: number; leads: CapturedLeadRow[] }> {
    return this.leads.capturedIn(businessId, from, to, limit);
  }
}
