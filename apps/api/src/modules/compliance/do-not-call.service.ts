import { Injectable } from '@nestjs/common';
import type { DncEntry as DncEntryView, DncSource, DncStatusFilter, Page } from '@beaker/contracts';
import { AuditActor, AuditService } from '../../common/audit/audit.service';
import { Clock } from '../../common/clock';
import { PageQueryDto } from '../../common/http/pagination';
import { Database, type Tx } from '../../database/database';
import { AlreadyOnDncList, ConsumerOptOutProtected, DncEntryNotFound, InvalidPhoneNumber } from './compliance.errors';
import type { DncEntry } from './entities/dnc-entry.entity';
import { CONSUMER_OPT_OUT_SOURCES, DncList, DncRepository } from './persistence/dnc.repository';
import { toE164 } from './phone';

export type { DncList } from './persistence/dnc.repository';

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
  /** Staff: the entry may be on any list (Beaker's or a business's); `list` is then ignored. */
  anyList?: boolean;
  entryId: string;
  reason: string;
  actor: AuditActor;
}

export interface DncListQuery extends PageQueryDto {
  phone?: string;
  status?: DncStatusFilter;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

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

/**
 * Do-not-call lists. Entries are added and removed (a soft state) with a reason, each change
 * audited in the same transaction. Checked before every outbound call by ComplianceService.
 */
@Injectable()
export class DoNotCallService {
  constructor(
    private readonly db: Database,
    private readonly entries: DncRepository,
    private readonly clock: Clock,
    private readonly audit: AuditService,
  ) {}

  /** The active entry of a number on a list, with its source (null when the number is not listed there). */
  activeEntry(list: DncList, phone: string, tx?: Tx): Promise<{ id: string; source: DncSource } | null> {
    return this.entries.activeEntry(list, phone, tx);
  }

  /** Adds a number; 409 COMPLIANCE.ALREADY_ON_DNC_LIST when it is already on that list. */
  async add(addition: DncAddition, tx?: Tx): Promise<DncEntryView> {
    const { entry, existing } = await this.insert(addition, tx);
    if (!entry) throw new AlreadyOnDncList(`The number is already on this list (entry ${existing})`, { entryId: existing });
    return entry;
  }

  /** Adds a number unless it is already listed (opt-outs, STOP replies): null when it was. */
  async addIfAbsent(addition: DncAddition, tx?: Tx): Promise<DncEntryView | null> {
    return (await this.insert(addition, tx)).entry;
  }

  /**
   * Takes an entry off its list, audited. An opt-out the person made themselves (said on a call,
   * STOP by text) is theirs: only staff (and the system, for START after STOP) may remove it; a
   * member or an API key gets 403 COMPLIANCE.CONSUMER_OPT_OUT.
   */
  async remove(removal: DncRemoval, tx?: Tx): Promise<DncEntryView> {
    if (!UUID.test(removal.entryId)) throw new DncEntryNotFound();
    const anyList = removal.anyList ?? false;
    const consumerOptOuts = removal.actor.kind === 'admin' || removal.actor.kind === 'system';
    return this.inTransaction(tx, async (t) => {
      const entry = await this.entries.markRemoved({ ...removal, anyList, consumerOptOuts, now: this.clock.now() }, t);
      if (!entry) {
        const source = consumerOptOuts ? null : await this.entries.activeSourceOf(removal.entryId, removal.list, anyList, t);
        if (source && CONSUMER_OPT_OUT_SOURCES.includes(source)) {
          throw new ConsumerOptOutProtected('The person asked not to be called themselves; only Beaker staff can take this number off the list', { source });
        }
        throw new DncEntryNotFound();
      }
      await this.audit.record(
        {
          actor: removal.actor,
          action: 'dnc.remove',
          target: { type: 'dnc_entry', id: entry.id },
          businessId: entry.businessId,
          reason: removal.reason,
          before: { status: 'active' },
          after: { status: 'removed' },
          details: { phone: entry.phoneE164, list: entry.businessId ? 'business' : 'beaker', reason: removal.reason, source: entry.source },
        },
        t,
      );
      return toDncEntryView(entry);
    });
  }

  /** A list, newest first; active entries unless `status` says otherwise. */
  async list(list: DncList, query: DncListQuery): Promise<Page<DncEntryView>> {
    let phone: string | undefined;
    if (query.phone !== undefined) {
      phone = toE164(query.phone) ?? undefined;
      if (!phone) throw new InvalidPhoneNumber(`${query.phone} is not an E.164 number`);
    }
    const page = await this.entries.list(list, { phone, status: query.status ?? 'active' }, query);
    return { items: page.items.map(toDncEntryView), nextCursor: page.nextCursor };
  }

  private async insert(addition: DncAddition, tx?: Tx): Promise<{ entry: DncEntryView | null; existing?: string }> {
    const phone = toE164(addition.phone);
    if (!phone) throw new InvalidPhoneNumber(`${addition.phone} is not an E.164 number`);
    return this.inTransaction(tx, async (t) => {
      const entry = await this.entries.insertIfAbsent(
        { list: addition.list, phone, source: addition.source, reason: addition.reason, callId: addition.callId ?? null, actor: addition.actor, now: this.clock.now() },
        t,
      );
      if (!entry) return { entry: null, existing: (await this.entries.activeEntryId(addition.list, phone, t)) ?? undefined };
      await this.audit.record(
        {
          actor: addition.actor,
          action: 'dnc.add',
          target: { type: 'dnc_entry', id: entry.id },
          businessId: entry.businessId,
          reason: addition.reason,
          before: null,
          after: { status: 'active', phone },
          details: { phone, list: entry.businessId ? 'business' : 'beaker', reason: addition.reason, source: addition.source, callId: entry.callId },
        },
        t,
      );
      return { entry: toDncEntryView(entry) };
    });
  }

  /** Joins the caller's transaction, or opens one: the change and its audit line commit together. */
  private inTransaction<T>(tx: Tx | undefined, work: (tx: Tx) => Promise<T>): Promise<T> {
    return tx ? work(tx) : this.db.transaction(work);
  }

  /**
   * Whether the number is on the business's own do-not-call list (inbound routing refuses such a
   * caller politely). The number is compared as given (E.164, as the provider sends it).
   */
  isListedByBusiness(businessId: string, phone: string, tx?: Tx): Promise<boolean> {
    return this.entries.isOnBusinessList(businessId, phone, tx);
  }

  /** Whether an opt-out heard in this call was ever put on a list (replays must not list it again). */
  hasInCallOptOut(callId: string, tx?: Tx): Promise<boolean> {
    return this.entries.hasInCallOptOut(callId, tx);
  }
}
