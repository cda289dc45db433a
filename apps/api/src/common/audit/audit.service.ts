import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import { Clock } from '../clock';
import type { AuditActorKind } from './audit-log-entry.entity';

/** Who did it, as the audit log records it. */
export interface AuditActor {
  kind: AuditActorKind;
  /** The user's or API key's id; absent for the system. */
  id?: string | null;
}

export const SYSTEM_ACTOR: AuditActor = { kind: 'system' };

/** The request's actor (auth's `Actor`) as an audit actor: staff are recorded as admins. */
export function auditActorOf(actor: { kind: 'user'; user: { id: string; role: string } } | { kind: 'api_key'; apiKeyId: string }): AuditActor {
  if (actor.kind === 'api_key') return { kind: 'api_key', id: actor.apiKeyId };
  return { kind: actor.user.role === 'admin' ? 'admin' : 'user', id: actor.user.id };
}

export interface AuditRecord {
  actor: AuditActor;
  /** `<area>.<verb>` in lower case, e.g. `dnc.add`. */
  action: string;
  target: { type: string; id?: string | null };
  businessId?: string | null;
  /** What changed and why; never secrets. */
  details?: Record<string, unknown>;
}

/**
 * The audit log (`audit_log`, append-only). Pass the `manager` of the transaction that makes the
 * change, so that the change and its record commit together or not at all.
 */
@Injectable()
export class AuditService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async record(entry: AuditRecord, manager: EntityManager = this.db.manager): Promise<string> {
    const [row]: { id: string }[] = await manager.query(
      `INSERT INTO audit_log (actor_kind, actor_id, action, target_type, target_id, business_id, details, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
      [
        entry.actor.kind,
        entry.actor.kind === 'system' ? null : (entry.actor.id ?? null),
        entry.action,
        entry.target.type,
        entry.target.id ?? null,
        entry.businessId ?? null,
        JSON.stringify(entry.details ?? {}),
        this.clock.now(),
      ],
    );
    return row.id;
  }
}
