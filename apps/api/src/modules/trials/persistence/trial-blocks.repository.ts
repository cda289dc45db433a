import { Injectable } from '@nestjs/common';
import type { TrialBlockKind } from '@beaker/contracts';
import { decodeCursor, encodeCursor } from '../../../common/http/pagination';
import { Database, type Tx } from '../../../database/database';

export interface TrialBlockRow {
  id: string;
  kind: TrialBlockKind;
  value: string;
  reason: string;
  created_by: string | null;
  created_at: Date;
  lifted_at: Date | null;
  lift_reason: string | null;
}

const COLUMNS = `id, kind, value, reason, created_by, created_at, lifted_at, lift_reason`;

/** `trial_blocks`: phone numbers and email domains barred from trials. */
@Injectable()
export class TrialBlocksRepository {
  constructor(private readonly db: Database) {}

  /** A new active block; null when the same one is active already (the partial unique key). */
  insert(block: { kind: TrialBlockKind; value: string; reason: string; createdBy: string | null; now: Date }, tx: Tx): Promise<TrialBlockRow | null> {
    return this.db.one<TrialBlockRow>(
      `INSERT INTO trial_blocks (kind, value, reason, created_by, created_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (kind, value) WHERE lifted_at IS NULL DO NOTHING RETURNING ${COLUMNS}`,
      [block.kind, block.value, block.reason, block.createdBy, block.now],
      tx,
    );
  }

  /** Lifts an active block; null when there is no such active block. */
  lift(id: string, lift: { reason: string; liftedBy: string | null; now: Date }, tx: Tx): Promise<TrialBlockRow | null> {
    return this.db.one<TrialBlockRow>(
      `UPDATE trial_blocks SET lifted_at = $2, lifted_by = $3, lift_reason = $4 WHERE id = $1 AND lifted_at IS NULL RETURNING ${COLUMNS}`,
      [id, lift.now, lift.liftedBy, lift.reason],
      tx,
    );
  }

  /** The active block of this phone or this email domain, if any (the phone's first). */
  activeFor(phone: string, domain: string): Promise<TrialBlockRow | null> {
    return this.db.one<TrialBlockRow>(
      `SELECT ${COLUMNS} FROM trial_blocks
        WHERE lifted_at IS NULL AND ((kind = 'phone' AND value = $1) OR (kind = 'email_domain' AND value = $2))
        ORDER BY kind DESC LIMIT 1`,
      [phone, domain],
    );
  }

  /** Newest first; active ones only unless `all`. */
  async list(all: boolean, page: { cursor?: string; limit: number }): Promise<{ items: TrialBlockRow[]; nextCursor: string | null }> {
    const params: unknown[] = [page.limit + 1];
    const where: string[] = [];
    if (!all) where.push('lifted_at IS NULL');
    if (page.cursor) {
      const { at, id } = decodeCursor(page.cursor);
      params.push(at, id);
      where.push(`(created_at, id) < ($2::timestamptz, $3::uuid)`);
    }
    const rows = await this.db.query<TrialBlockRow>(
      `SELECT ${COLUMNS} FROM trial_blocks ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY created_at DESC, id DESC LIMIT $1`,
      params,
    );
    const items = rows.slice(0, page.limit);
    const last = items[items.length - 1];
    return { items, nextCursor: rows.length > page.limit && last ? encodeCursor({ at: last.created_at.toISOString(), id: last.id }) : null };
  }
}
