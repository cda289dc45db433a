import { Injectable } from '@nestjs/common';
import type { Page, TrialBlock, TrialBlockKind } from '@beaker/contracts';
import { type AuditActor, AuditService } from '../../common/audit/audit.service';
import { Clock } from '../../common/clock';
import { Database, type Tx } from '../../database/database';
import { callablePhoneE164 } from '../compliance';
import { type TrialBlockRow, TrialBlocksRepository } from './persistence/trial-blocks.repository';
import { InvalidTrialBlock, TrialBlockExists, TrialBlockNotFound } from './trials.errors';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const DOMAIN = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z][a-z0-9-]{0,62}$/;

/** The value a block is stored and matched by: E.164, or the lower-case domain (a leading `@` dropped). */
export function normalizeBlockValue(kind: TrialBlockKind, value: string): string | null {
  if (kind === 'phone') return callablePhoneE164(value);
  const domain = value.trim().toLowerCase().replace(/^@/, '');
  return DOMAIN.test(domain) ? domain : null;
}

function toView(row: TrialBlockRow): TrialBlock {
  return {
    id: row.id,
    kind: row.kind,
    value: row.value,
    reason: row.reason,
    createdBy: row.created_by,
    createdAt: row.created_at.toISOString(),
    liftedAt: row.lifted_at?.toISOString() ?? null,
    liftReason: row.lift_reason,
  };
}

/** Staff bar a phone number or an email domain from trials; each change audited in its transaction. */
@Injectable()
export class TrialBlocksService {
  constructor(
    private readonly db: Database,
    private readonly blocks: TrialBlocksRepository,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** In `tx` when given (an Idempotency-Key's transaction), else in its own. */
  async add(input: { kind: TrialBlockKind; value: string; reason: string }, actor: AuditActor, inTx?: Tx): Promise<TrialBlock> {
    const value = normalizeBlockValue(input.kind, input.value);
    if (!value) throw new InvalidTrialBlock(input.kind === 'phone' ? 'Enter a US or Canadian phone number' : 'Enter an email domain, like example.com');
    const work = async (tx: Tx): Promise<TrialBlock> => {
      const row = await this.blocks.insert({ kind: input.kind, value, reason: input.reason, createdBy: actor.id ?? null, now: this.clock.now() }, tx);
      if (!row) throw new TrialBlockExists(`${value} is already blocked`);
      await this.audit.record(
        { actor, action: 'trial_block.add', target: { type: 'trial_block', id: row.id }, reason: input.reason, before: null, after: { kind: row.kind, value: row.value, active: true } },
        tx,
      );
      return toView(row);
    };
    return inTx ? work(inTx) : this.db.transaction(work);
  }

  async lift(id: string, reason: string, actor: AuditActor): Promise<TrialBlock> {
    if (!UUID.test(id)) throw new TrialBlockNotFound();
    return this.db.transaction(async (tx) => {
      const row = await this.blocks.lift(id, { reason, liftedBy: actor.id ?? null, now: this.clock.now() }, tx);
      if (!row) throw new TrialBlockNotFound();
      await this.audit.record(
        {
          actor,
          action: 'trial_block.lift',
          target: { type: 'trial_block', id: row.id },
          reason,
          before: { kind: row.kind, value: row.value, active: true },
          after: { kind: row.kind, value: row.value, active: false },
        },
        tx,
      );
      return toView(row);
    });
  }

  async list(all: boolean, page: { cursor?: string; limit?: number }): Promise<Page<TrialBlock>> {
    const found = await this.blocks.list(all, { cursor: page.cursor, limit: page.limit ?? 25 });
    return { items: found.items.map(toView), nextCursor: found.nextCursor };
  }

  /** The active block that bars this phone or this email's domain from trials, if any. */
  async blockFor(phoneE164: string, email: string): Promise<{ kind: TrialBlockKind; value: string } | null> {
    const domain = email.slice(email.lastIndexOf('@') + 1).toLowerCase();
    const row = await this.blocks.activeFor(phoneE164, domain);
    return row ? { kind: row.kind, value: row.value } : null;
  }
}
