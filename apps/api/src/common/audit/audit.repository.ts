import { Injectable } from '@nestjs/common';
import { decodeCursor, encodeCursor } from '../http/pagination';
import { Database, type Tx } from '../../database/database';
import type { AuditActorKind } from './audit-log-entry.entity';

export interface AuditRow {
  id: string;
  actor_kind: AuditActorKind;
  actor_id: string | null;
  action: string;
  target_type: string;
  target_id: string | null;
  business_id: string | null;
  details: Record<string, unknown>;
  reason: string | null;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
  request_id: string | null;
  at: Date;
}

export interface AuditFilter {
  action?: string;
  actorId?: string;
  targetType?: string;
  targetId?: string;
  businessId?: string;
  from?: Date;
  to?: Date;
  cursor?: string;
  limit: number;
}

/** `audit_log`: append-only. */
@Injectable()
export class AuditRepository {
  constructor(private readonly db: Database) {}

  async insert(
    entry: {
      actorKind: string;
      actorId: string | null;
      action: string;
      targetType: string;
      targetId: string | null;
      businessId: string | null;
      detailsJson: string;
      reason: string | null;
      beforeJson: string | null;
      afterJson: string | null;
      requestId: string | null;
      at: Date;
    },
    tx?: Tx,
  ): Promise<string> {
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO audit_log (actor_kind, actor_id, action, target_type, target_id, business_id, details, reason, before, after, request_id, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id`,
      [
        entry.actorKind,
        entry.actorId,
        entry.action,
        entry.targetType,
        entry.targetId,
        entry.businessId,
        entry.detailsJson,
        entry.reason,
        entry.beforeJson,
        entry.afterJson,
        entry.requestId,
        entry.at,
      ],
      tx,
    );
    return row.id;
  }

  /**
   * Newest first, keyset on (at, id), with any of the filters. Each filter has an index to start
   * from (action, actor, target, business, or time alone).
   */
  async list(filter: AuditFilter): Promise<{ items: AuditRow[]; nextCursor: string | null }> {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, value: unknown) => {
      params.push(value);
      where.push(sql.replace('?', `$${params.length}`));
    };
    if (filter.action) add('action = ?', filter.action);
    if (filter.actorId) add('actor_id = ?', filter.actorId);
    if (filter.targetType) add('target_type = ?', filter.targetType);
    if (filter.targetId) add('target_id = ?', filter.targetId);
    if (filter.businessId) add('business_id = ?', filter.businessId);
    if (filter.from) add('at >= ?', filter.from);
    if (filter.to) add('at < ?', filter.to);
    if (filter.cursor) {
      const { at, id } = decodeCursor(filter.cursor);
      params.push(at, id);
      where.push(`(at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
    }
    params.push(filter.limit + 1);
    const rows = await this.db.query<AuditRow>(
      `SELECT id, actor_kind, actor_id, action, target_type, target_id, business_id, details, reason, before, after, request_id, at
         FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
        ORDER BY at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    const items = rows.slice(0, filter.limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > filter.limit && last ? encodeCursor({ at: last.at.toISOString(), id: last.id }) : null };
  }
}
