import { Injectable } from '@nestjs/common';
import { Database } from '../../../database/database';

/** lead_notification_settings: who of a business wants an email per new lead (only the choices made; defaults live in the service). */
@Injectable()
export class LeadNotificationSettingsRepository {
  constructor(private readonly db: Database) {}

  async choiceOf(businessId: string, userId: string): Promise<boolean | null> {
    const row = await this.db.one<{ email_on_new_lead: boolean }>(
      `SELECT email_on_new_lead FROM lead_notification_settings WHERE business_id = $1 AND user_id = $2`,
      [businessId, userId],
    );
    return row?.email_on_new_lead ?? null;
  }

  /** Every choice made in a business, by user id. */
  async choicesIn(businessId: string): Promise<Map<string, boolean>> {
    const rows = await this.db.query<{ user_id: string; email_on_new_lead: boolean }>(
      `SELECT user_id, email_on_new_lead FROM lead_notification_settings WHERE business_id = $1`,
      [businessId],
    );
    return new Map(rows.map((r) => [r.user_id, r.email_on_new_lead]));
  }

  async save(businessId: string, userId: string, emailOnNewLead: boolean, now: Date): Promise<void> {
    await this.db.execute(
      `INSERT INTO lead_notification_settings (business_id, user_id, email_on_new_lead, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (business_id, user_id) DO UPDATE SET email_on_new_lead = EXCLUDED.email_on_new_lead, updated_at = EXCLUDED.updated_at`,
      [businessId, userId, emailOnNewLead, now],
    );
  }
}
