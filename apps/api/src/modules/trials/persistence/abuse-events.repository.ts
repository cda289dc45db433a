import { Injectable } from '@nestjs/common';
import type { AbuseEventKind } from '@beaker/contracts';
import { paginate, type PageQueryDto } from '../../../common/http/pagination';
import { Database } from '../../../database/database';
import { AbuseEvent } from '../entities/abuse-event.entity';

/** `abuse_events`: trial refusals that smell of abuse, for staff. */
@Injectable()
export class AbuseEventsRepository {
  constructor(private readonly db: Database) {}

  async insert(e: { kind: AbuseEventKind; userId: string | null; ip: string | null; phone: string | null; detailsJson: string; at: Date }): Promise<void> {
    await this.db.execute(`INSERT INTO abuse_events (kind, user_id, ip, phone_e164, details, at) VALUES ($1, $2, $3, $4, $5, $6)`, [
      e.kind,
      e.userId,
      e.ip,
      e.phone,
      e.detailsJson,
      e.at,
    ]);
  }

  /** Newest first, optionally of one kind. */
  list(kind: AbuseEventKind | undefined, page: PageQueryDto) {
    const qb = this.db.repository(AbuseEvent).createQueryBuilder('event');
    if (kind) qb.where('event.kind = :kind', { kind });
    return paginate(qb, page, 'at');
  }
}
