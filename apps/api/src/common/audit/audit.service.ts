import { Injectable } from '@nestjs/common';
import type { Tx } from '../../database/database';
import { Clock } from '../clock';
import { AuditRepository } from './audit.repository';
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
 * The audit log (`audit_log`, append-only). Pass the transaction that makes the change, so that
 * the change and its record commit together or not at all.
 */
@Injectable()
export class AuditService {
  constructor(
    private readonly entries: AuditRepository,
    private readonly clock: Clock,
  ) {}

  record(entry: AuditRecord, tx?: Tx): Promise<string> {
    return this.entries.insert(
      {
        actorKind: entry.actor.kind,
        actorId: entry.actor.kind === 'system' ? null : (entry.actor.id ?? null),
        action: entry.action,
        targetType: entry.target.type,
        targetId: entry.target.id ?? null,
        businessId: entry.businessId ?? null,
        detailsJson: JSON.stringify(entry.details ?? {}),
        at: this.clock.now(),
      },
      tx,
    );
  }
}
