import { Injectable } from '@nestjs/common';
import { Database, type Tx } from '../../database/database';

/** `audit_log`: append-only. */
@Injectable()
export class AuditRepository {
  constructor(private readonly db: Database) {}

  async insert(
    entry: { actorKind: string; actorId: string | null; action: string; targetType: string; targetId: string | null; businessId: string | null; detailsJson: string; at: Date },
    tx?: Tx,
  ): Promise<string> {
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO audit_log (actor_kind, actor_id, action, target_type, target_id, business_id, details, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [entry.actorKind, entry.actorId, entry.action, entry.targetType, entry.targetId, entry.businessId, entry.detailsJson, entry.at],
      tx,
    );
    return row.id;
  }
}
