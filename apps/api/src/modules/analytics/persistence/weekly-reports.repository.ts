import { Injectable } from '@nestjs/common';
import { Database } from '../../../database/database';

export interface WeeklyReportClaim {
  id: string;
  /** 1 for the first claim; more when a lease ran out (a worker died mid-send, or the mail server refused). */
  attempts: number;
}

/** weekly_report_settings, weekly_report_sends, weekly_report_unsubscribe_tokens: the weekly email's choices, claims and links. */
@Injectable()
export class WeeklyReportsRepository {
  constructor(private readonly db: Database) {}

  async choiceOf(businessId: string, userId: string): Promise<boolean | null> {
    const row = await this.db.one<{ weekly_report: boolean }>(`SELECT weekly_report FROM weekly_report_settings WHERE business_id = $1 AND user_id = $2`, [businessId, userId]);
    return row?.weekly_report ?? null;
  }

  /** Every choice made in a business, by user id (no entry: the default of the person's role). */
  async choicesIn(businessId: string): Promise<Map<string, boolean>> {
    const rows = await this.db.query<{ user_id: string; weekly_report: boolean }>(`SELECT user_id, weekly_report FROM weekly_report_settings WHERE business_id = $1`, [businessId]);
    return new Map(rows.map((r) => [r.user_id, r.weekly_report]));
  }

  async saveChoice(businessId: string, userId: string, weeklyReport: boolean, now: Date): Promise<void> {
    await this.db.execute(
      `INSERT INTO weekly_report_settings (business_id, user_id, weekly_report, updated_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (business_id, user_id) DO UPDATE SET weekly_report = EXCLUDED.weekly_report, updated_at = EXCLUDED.updated_at`,
      [businessId, userId, weeklyReport, now],
    );
  }

  /** The recipients of a business's week that need nothing more now: sent, given up, or claimed by a worker whose lease still runs. */
  async settledIn(businessId: string, weekStart: string, now: Date): Promise<Set<string>> {
    const rows = await this.db.query<{ user_id: string }>(
      `SELECT user_id FROM weekly_report_sends WHERE business_id = $1 AND week_start = $2 AND (status <> 'sending' OR lease_until > $3)`,
      [businessId, weekStart, now],
    );
    return new Set(rows.map((r) => r.user_id));
  }

  /**
   * Claims one recipient's report of a week, atomically: the first claim inserts the row; a later
   * one takes it over only while it is still `sending`, its lease has run out and it has attempts
   * left. Of two workers claiming at once, Postgres lets one insert (or update) and the other finds
   * the row taken (ON CONFLICT re-reads the committed row): null means "not yours".
   */
  async claim(businessId: string, userId: string, weekStart: string, now: Date, leaseUntil: Date, maxAttempts: number): Promise<WeeklyReportClaim | null> {
    return this.db.one<WeeklyReportClaim>(
      `INSERT INTO weekly_report_sends (business_id, user_id, week_start, status, attempts, lease_until, created_at, updated_at)
       VALUES ($1, $2, $3, 'sending', 1, $5, $4, $4)
       ON CONFLICT ON CONSTRAINT weekly_report_sends_once DO UPDATE
          SET attempts = weekly_report_sends.attempts + 1, lease_until = EXCLUDED.lease_until, updated_at = EXCLUDED.updated_at
        WHERE weekly_report_sends.status = 'sending' AND weekly_report_sends.lease_until <= $4 AND weekly_report_sends.attempts < $6
       RETURNING id, attempts`,
      [businessId, userId, weekStart, now, leaseUntil, maxAttempts],
    );
  }

  async markSent(id: string, now: Date): Promise<void> {
    await this.db.execute(`UPDATE weekly_report_sends SET status = 'sent', sent_at = $2, last_error = NULL, updated_at = $2 WHERE id = $1`, [id, now]);
  }

  /** The send did not happen: free the claim for the next run, or give up after the last attempt. */
  async release(id: string, now: Date, error: string, giveUp: boolean): Promise<void> {
    await this.db.execute(
      `UPDATE weekly_report_sends SET status = CASE WHEN $4 THEN 'failed' ELSE status END, lease_until = $2, last_error = $3, updated_at = $2 WHERE id = $1 AND status = 'sending'`,
      [id, now, error.slice(0, 500), giveUp],
    );
  }

  async insertUnsubscribeToken(tokenHash: string, businessId: string, userId: string, sendId: string | null, now: Date): Promise<void> {
    await this.db.execute(
      `INSERT INTO weekly_report_unsubscribe_tokens (token_hash, business_id, user_id, send_id, created_at) VALUES ($1, $2, $3, $4, $5)`,
      [tokenHash, businessId, userId, sendId, now],
    );
  }

  findUnsubscribeToken(tokenHash: string): Promise<{ businessId: string; userId: string; usedAt: Date | null } | null> {
    return this.db.one(`SELECT business_id AS "businessId", user_id AS "userId", used_at AS "usedAt" FROM weekly_report_unsubscribe_tokens WHERE token_hash = $1`, [tokenHash]);
  }

  async useUnsubscribeToken(tokenHash: string, now: Date): Promise<void> {
    await this.db.execute(`UPDATE weekly_report_unsubscribe_tokens SET used_at = coalesce(used_at, $2) WHERE token_hash = $1`, [tokenHash, now]);
  }
}
