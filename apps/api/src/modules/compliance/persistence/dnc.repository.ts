import { Injectable } from '@nestjs/common';
import type { DncSource, DncStatusFilter } from '@beaker/contracts';
import type { AuditActor } from '../../../common/audit/audit.service';
import { paginate, type PageQueryDto } from '../../../common/http/pagination';
import { Database, type Tx } from '../../../database/database';
import { DncEntry } from '../entities/dnc-entry.entity';

/** Which list: a business's, or Beaker's own (null), which every business honours. */
export type DncList = string | null;

const NO_BUSINESS = '00000000-0000-0000-0000-000000000000';
/** "The same list": $2 is the business id or null (Beaker's list). */
const SAME_LIST = `COALESCE(business_id, '${NO_BUSINESS}'::uuid) = COALESCE($2::uuid, '${NO_BUSINESS}'::uuid)`;

/** Where an entry comes from the person themselves (an opt-out said on a call, STOP by text): only staff and the system remove those. */
export const CONSUMER_OPT_OUT_SOURCES: readonly DncSource[] = ['in_call_opt_out', 'sms_stop'];
const CONSUMER_SOURCES_SQL = CONSUMER_OPT_OUT_SOURCES.map((s) => `'${s}'`).join(', ');

const RETURNING = `id, business_id AS "businessId", phone_e164 AS "phoneE164", source, reason, call_id AS "callId",
  created_by_kind AS "createdByKind", created_by_id AS "createdById", created_at AS "createdAt", removed_at AS "removedAt",
  removed_by_kind AS "removedByKind", removed_by_id AS "removedById", removal_reason AS "removalReason"`;

/** `dnc_entries`: the do-not-call lists; an entry is removed by marking it, never deleted. */
@Injectable()
export class DncRepository {
  constructor(private readonly db: Database) {}

  /** Adds an active entry; null when the number is already active on that list. */
  insertIfAbsent(
    entry: { list: DncList; phone: string; source: DncSource; reason: string; callId: string | null; actor: AuditActor; now: Date },
    tx: Tx,
  ): Promise<DncEntry | null> {
    return this.db.one<DncEntry>(
      `INSERT INTO dnc_entries (business_id, phone_e164, source, reason, call_id, created_by_kind, created_by_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
       ON CONFLICT (phone_e164, (COALESCE(business_id, '${NO_BUSINESS}'::uuid))) WHERE removed_at IS NULL DO NOTHING
       RETURNING ${RETURNING}`,
      [entry.list, entry.phone, entry.source, entry.reason, entry.callId, entry.actor.kind, entry.actor.id ?? null, entry.now],
      tx,
    );
  }

  /** The active entry of a number on a list. */
  async activeEntryId(list: DncList, phone: string, tx?: Tx): Promise<string | null> {
    return (await this.db.one<{ id: string }>(`SELECT id FROM dnc_entries WHERE phone_e164 = $1 AND ${SAME_LIST} AND removed_at IS NULL`, [phone, list], tx))?.id ?? null;
  }

  /** The active entry of a number on a list, with where it came from. */
  activeEntry(list: DncList, phone: string, tx?: Tx): Promise<{ id: string; source: DncEntry['source'] } | null> {
    return this.db.one(`SELECT id, source FROM dnc_entries WHERE phone_e164 = $1 AND ${SAME_LIST} AND removed_at IS NULL`, [phone, list], tx);
  }

  /**
   * Marks an active entry removed: of this list, or of any list with `anyList` (staff). A consumer's
   * own opt-out only with `consumerOptOuts`. Null when no such entry may be removed.
   */
  markRemoved(
    removal: { list: DncList; anyList: boolean; consumerOptOuts: boolean; entryId: string; actor: AuditActor; reason: string; now: Date },
    tx: Tx,
  ): Promise<DncEntry | null> {
    return this.db.one<DncEntry>(
      `UPDATE dnc_entries SET removed_at = $3, removed_by_kind = $4, removed_by_id = $5, removal_reason = $6
        WHERE id = $1 AND ($7::boolean OR ${SAME_LIST}) AND removed_at IS NULL
          AND ($8::boolean OR source NOT IN (${CONSUMER_SOURCES_SQL}))
        RETURNING ${RETURNING}`,
      [removal.entryId, removal.list, removal.now, removal.actor.kind, removal.actor.id ?? null, removal.reason, removal.anyList, removal.consumerOptOuts],
      tx,
    );
  }

  /** The source of an active entry of this list (or of any list), null when there is none. */
  async activeSourceOf(entryId: string, list: DncList, anyList: boolean, tx?: Tx): Promise<DncSource | null> {
    const row = await this.db.one<{ source: DncSource }>(
      `SELECT source FROM dnc_entries WHERE id = $1 AND ($3::boolean OR ${SAME_LIST}) AND removed_at IS NULL`,
      [entryId, list, anyList],
      tx,
    );
    return row?.source ?? null;
  }

  /** Whether the number is active on the business's own list (not Beaker's). */
  async isOnBusinessList(businessId: string, phone: string, tx?: Tx): Promise<boolean> {
    return (await this.db.one(`SELECT 1 FROM dnc_entries WHERE business_id = $1 AND phone_e164 = $2 AND removed_at IS NULL`, [businessId, phone], tx)) !== null;
  }

  /** Whether an opt-out heard in this call was ever listed (a replay must not list it again). */
  async hasInCallOptOut(callId: string, tx?: Tx): Promise<boolean> {
    return (await this.db.one(`SELECT id FROM dnc_entries WHERE call_id = $1 AND source = 'in_call_opt_out' LIMIT 1`, [callId], tx)) !== null;
  }

  /** A list, newest first, filtered by number and status. */
  list(list: DncList, filter: { phone?: string; status: DncStatusFilter }, page: PageQueryDto) {
    const qb = this.db.repository(DncEntry).createQueryBuilder('e');
    if (list) qb.where('e.businessId = :list', { list });
    else qb.where('e.businessId IS NULL');
    if (filter.phone !== undefined) qb.andWhere('e.phoneE164 = :phone', { phone: filter.phone });
    if (filter.status === 'active') qb.andWhere('e.removedAt IS NULL');
    if (filter.status === 'removed') qb.andWhere('e.removedAt IS NOT NULL');
    return paginate(qb, page);
  }
}
