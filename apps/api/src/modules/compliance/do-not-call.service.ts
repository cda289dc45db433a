import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { DncEntry as DncEntryView, DncSource, DncStatusFilter, Page } from '@beaker/contracts';
import { AuditActor, AuditService } from '../../common/audit/audit.service';
import { Clock } from '../../common/clock';
import { PageQueryDto, paginate } from '../../common/http/pagination';
import { AlreadyOnDncList, DncEntryNotFound, InvalidPhoneNumber } from './compliance.errors';
import { DncEntry } from './entities/dnc-entry.entity';
import { toE164 } from './phone';

/** Which list: a business's, or Beaker's own (null), which every business honours. */
export type DncList = string | null;

export interface DncAddition {
  list: DncList;
  phone: string;
  source: DncSource;
  reason: string;
  actor: AuditActor;
  /** The call in which the person opted out. */
  callId?: string | null;
}

export interface DncRemoval {
  list: DncList;
  entryId: string;
  reason: string;
  actor: AuditActor;
}

export interface DncListQuery extends PageQueryDto {
  phone?: string;
  status?: DncStatusFilter;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const NO_BUSINESS = '00000000-0000-0000-0000-000000000000';

export function toDncEntryView(e: DncEntry): DncEntryView {
  return {
    id: e.id,
    businessId: e.businessId,
    phone: e.phoneE164,
    source: e.source,
    reason: e.reason,
    callId: e.callId,
    createdBy: { kind: e.createdByKind, id: e.createdById },
    createdAt: e.createdAt.toISOString(),
    removedAt: e.removedAt?.toISOString() ?? null,
    removedBy: e.removedByKind ? { kind: e.removedByKind, id: e.removedById } : null,
    removalReason: e.removalReason,
  };
}

const RETURNING = `id, business_id AS "businessId", phone_e164 AS "phoneE164", source, reason, call_id AS "callId",
  created_by_kind AS "createdByKind", created_by_id AS "createdById", created_at AS "createdAt", removed_at AS "removedAt",
  removed_by_kind AS "removedByKind", removed_by_id AS "removedById", removal_reason AS "removalReason"`;

/**
 * Do-not-call lists. Entries are added and removed (a soft state) with a reason, each change
 * audited in the same transaction. Checked before every outbound call by ComplianceService.
 */
@Injectable()
export class DoNotCallService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /** Adds a number; 409 COMPLIANCE.ALREADY_ON_DNC_LIST when it is already on that list. */
  async add(addition: DncAddition, manager?: EntityManager): Promise<DncEntryView> {
    const { entry, existing } = await this.insert(addition, manager);
    if (!entry) throw new AlreadyOnDncList(`The number is already on this list (entry ${existing})`, { entryId: existing });
    return entry;
  }

  /** Adds a number unless it is already listed (opt-outs, STOP replies): null when it was. */
  async addIfAbsent(addition: DncAddition, manager?: EntityManager): Promise<DncEntryView | null> {
    return (await this.insert(addition, manager)).entry;
  }

  async remove(removal: DncRemoval, manager?: EntityManager): Promise<DncEntryView> {
    if (!UUID.test(removal.entryId)) throw new DncEntryNotFound();
    return this.inTransaction(manager, async (m) => {
      const rows: DncEntry[] = await m.query(
        `UPDATE dnc_entries SET removed_at = $3, removed_by_kind = $4, removed_by_id = $5, removal_reason = $6
          WHERE id = $1 AND COALESCE(business_id, '${NO_BUSINESS}'::uuid) = COALESCE($2::uuid, '${NO_BUSINESS}'::uuid) AND removed_at IS NULL
          RETURNING ${RETURNING}`,
        [removal.entryId, removal.list, this.clock.now(), removal.actor.kind, removal.actor.id ?? null, removal.reason],
      ).then(([rows]: [DncEntry[]]) => rows);
      const entry = rows[0];
      if (!entry) throw new DncEntryNotFound();
      await this.audit.record(
        {
          actor: removal.actor,
          action: 'dnc.remove',
          target: { type: 'dnc_entry', id: entry.id },
          businessId: entry.businessId,
          details: { phone: entry.phoneE164, list: entry.businessId ? 'business' : 'beaker', reason: removal.reason, source: entry.source },
        },
        m,
      );
      return toDncEntryView(entry);
    });
  }

  /** A list, newest first; active entries unless `status` says otherwise. */
  async list(list: DncList, query: DncListQuery): Promise<Page<DncEntryView>> {
    const qb = this.db.getRepository(DncEntry).createQueryBuilder('e');
    if (list) qb.where('e.businessId = :list', { list });
    else qb.where('e.businessId IS NULL');
    if (query.phone !== undefined) {
      const phone = toE164(query.phone);
      if (!phone) throw new InvalidPhoneNumber(`${query.phone} is not an E.164 number`);
      qb.andWhere('e.phoneE164 = :phone', { phone });
    }
    const status = query.status ?? 'active';
    if (status === 'active') qb.andWhere('e.removedAt IS NULL');
    if (status === 'removed') qb.andWhere('e.removedAt IS NOT NULL');
    const page = await paginate(qb, query);
    return { items: page.items.map(toDncEntryView), nextCursor: page.nextCursor };
  }

  private async insert(addition: DncAddition, manager?: EntityManager): Promise<{ entry: DncEntryView | null; existing?: string }> {
    const phone = toE164(addition.phone);
    if (!phone) throw new InvalidPhoneNumber(`${addition.phone} is not an E.164 number`);
    return this.inTransaction(manager, async (m) => {
      const rows: DncEntry[] = await m.query(
        `INSERT INTO dnc_entries (business_id, phone_e164, source, reason, call_id, created_by_kind, created_by_id, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (phone_e164, (COALESCE(business_id, '${NO_BUSINESS}'::uuid))) WHERE removed_at IS NULL DO NOTHING
         RETURNING ${RETURNING}`,
        [addition.list, phone, addition.source, addition.reason, addition.callId ?? null, addition.actor.kind, addition.actor.id ?? null, this.clock.now()],
      );
      const entry = rows[0];
      if (!entry) {
        const [found]: { id: string }[] = await m.query(
          `SELECT id FROM dnc_entries WHERE phone_e164 = $1 AND COALESCE(business_id, '${NO_BUSINESS}'::uuid) = COALESCE($2::uuid, '${NO_BUSINESS}'::uuid) AND removed_at IS NULL`,
          [phone, addition.list],
        );
        return { entry: null, existing: found?.id };
      }
      await this.audit.record(
        {
          actor: addition.actor,
          action: 'dnc.add',
          target: { type: 'dnc_entry', id: entry.id },
          businessId: entry.businessId,
          details: { phone, list: entry.businessId ? 'business' : 'beaker', reason: addition.reason, source: addition.source, callId: entry.callId },
        },
        m,
      );
      return { entry: toDncEntryView(entry) };
    });
  }

  /** Joins the caller's transaction, or opens one: the change and its audit line commit together. */
  private inTransaction<T>(manager: EntityManager | undefined, work: (m: EntityManager) => Promise<T>): Promise<T> {
    return manager ? work(manager) : this.db.transaction(work);
  }
}
