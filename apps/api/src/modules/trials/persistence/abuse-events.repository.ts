import { Injectable } from '@nestjs/common';
import type { AbuseEventKind } from '@beaker/contracts';
import { paginate, type PageQueryDto } from '../../../common/http/pagination';
import { Database } from '../../../database/database';
import { AbuseEvent } from '../entities/abuse-event.entity';

/** `abuse_events`: trial refusals that smell of abuse, for staff. */
@Injectable()
export class AbuseEventsRepository {
  constructor(private readonly db: Database) {}

  async insert(e: { kind: AbuseEventKind; userId: string | null; ip: string | null; phone: string | null; emailDomain: string | null; detailsJson: string; at: Date }): Promise<void> {
    await this.db.execute(`INSERT INTO abuse_events (kind, user_id, ip, phone_e164, email_domain, details, at) VALUES ($1, $2, $3, $4, $5, $6, $7)`, [
      e.kind,
      e.userId,
      e.ip,
      e.phone,
      e.emailDomain,
      e.detailsJson,
      e.at,
    ]);
  }

  /**
   * The phones, IPs and email domains with the most refusals since `since`, most first (abuse_events_at_idx
   * bounds the rows read to the period).
   */
  top(since: Date, limit: number): Promise<{ dimension: 'phone' | 'ip' | 'email_domain'; value: string; events: number; users: number; last_at: Date }[]> {
    const part = (dimension: string, column: string) =>
      `(SELECT '${dimension}' AS dimension, ${column} AS value, count(*)::int AS events, count(DISTINCT user_id)::int AS users, max(at) AS last_at
          FROM abuse_events WHERE at >= $1 AND ${column} IS NOT NULL GROUP BY ${column} ORDER BY events DESC, value LIMIT $2)`;
    return this.db.query(`${part('phone', 'phone_e164')} UNION ALL ${part('ip', 'ip')} UNION ALL ${part('email_domain', 'email_domain')}`, [since, limit]);
  }

  /** Newest first, optionally of one kind. */
  list(kind: AbuseEventKind | undefined, page: PageQueryDto) {
    const qb = this.db.repository(AbuseEvent).createQueryBuilder('event');
    if (kind) qb.where('event.kind = :kind', { kind });
    return paginate(qb, page, 'at');
  }

  /** Deletes up to `limit` events recorded before `before` (retention). */
  deleteBefore(before: Date, limit: number): Promise<number> {
    return this.db.execute(`DELETE FROM abuse_events WHERE id IN (SELECT id FROM abuse_events WHERE at < $1 LIMIT $2)`, [before, limit]);
  }
}
