import { Injectable } from '@nestjs/common';
import type { Plan } from '@beaker/contracts';
import { Database } from '../../../database/database';

export interface CheckoutFunnelRow {
  user_id: string;
  checkout_started_at: Date | null;
  paid_at: Date | null;
}

/** `checkout_starts`: the Stripe Checkout Sessions people opened (the funnel's checkout step). */
@Injectable()
export class CheckoutStartsRepository {
  constructor(private readonly db: Database) {}

  /** Keeps a session once: the same session answered again (a double click, a retry) keeps its first time. */
  async record(start: { sessionId: string; userId: string; trialId: string | null; plan: Plan; at: Date }): Promise<void> {
    await this.db.execute(
      `INSERT INTO checkout_starts (stripe_checkout_session_id, user_id, trial_id, plan, started_at)
       VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (stripe_checkout_session_id) DO NOTHING`,
      [start.sessionId, start.userId, start.trialId, start.plan, start.at],
    );
  }

  /**
   * For each of these people who opened a checkout or paid: their first checkout opened, and their
   * first payment (the `subscription_changes` row a completed checkout writes carries the payer).
   */
  checkoutFunnelOf(userIds: readonly string[]): Promise<CheckoutFunnelRow[]> {
    if (userIds.length === 0) return Promise.resolve([]);
    return this.db.query<CheckoutFunnelRow>(
      `SELECT u.user_id, c.started_at AS checkout_started_at, p.paid_at
         FROM unnest($1::uuid[]) AS u(user_id)
         LEFT JOIN LATERAL (SELECT min(started_at) AS started_at FROM checkout_starts WHERE user_id = u.user_id) c ON true
         LEFT JOIN LATERAL (SELECT min(occurred_at) AS paid_at FROM subscription_changes WHERE user_id = u.user_id) p ON true
        WHERE c.started_at IS NOT NULL OR p.paid_at IS NOT NULL`,
      [userIds],
    );
  }
}
