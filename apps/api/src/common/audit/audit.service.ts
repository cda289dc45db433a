import { createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { AuditEvent, Page } from '@beaker/contracts';
import type { Tx } from '../../database/database';
import { Clock } from '../clock';
import { Unauthenticated } from '../errors/common.errors';
import type { AuditActorKind } from './audit-log-entry.entity';
import { AuditFilter, AuditRepository, AuditRow } from './audit.repository';

/** Who did it, as the audit log records it, and in which request. */
export interface AuditActor {
  kind: AuditActorKind;
  /** The user's or API key's id; absent for the system. */
  id?: string | null;
  /** The X-Request-Id of the request that acts (absent for jobs and the system). */
  requestId?: string | null;
}

export const SYSTEM_ACTOR: AuditActor = { kind: 'system' };

type RequestActor = { kind: 'user'; user: { id: string; role: string } } | { kind: 'api_key'; apiKeyId: string };

/** The request's actor (auth's `Actor`) as an audit actor: staff are recorded as admins. */
export function auditActorOf(actor: RequestActor, requestId?: string | null): AuditActor {
  if (actor.kind === 'api_key') return { kind: 'api_key', id: actor.apiKeyId, requestId: requestId ?? null };
  return { kind: actor.user.role === 'admin' ? 'admin' : 'user', id: actor.user.id, requestId: requestId ?? null };
}

/**
 * The caller as the audit log records it, with the request's id: `@Auditor() auditor: AuditActor`.
 * For routes behind the access guard (an actor is always there); 401 otherwise.
 */
export const Auditor = createParamDecorator((_: unknown, ctx: ExecutionContext): AuditActor => {
  const request = ctx.switchToHttp().getRequest<FastifyRequest & { actor?: RequestActor }>();
  if (!request.actor) throw new Unauthenticated();
  return auditActorOf(request.actor, String(request.id));
});

export interface AuditRecord {
  actor: AuditActor;
  /** `<area>.<verb>` in lower case, e.g. `dnc.add`. */
  action: string;
  target: { type: string; id?: string | null };
  businessId?: string | null;
  /** Why, in the actor's words. */
  reason?: string | null;
  /** The target's state before and after (what the action changed; never secrets). */
  before?: Record<string, unknown> | null;
  after?: Record<string, unknown> | null;
  /** Anything else worth keeping; never secrets. */
  details?: Record<string, unknown>;
}

export type AuditQuery = Omit<AuditFilter, 'limit'> & { limit?: number };

function toAuditEvent(row: AuditRow): AuditEvent {
  return {
    id: row.id,
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    action: row.action,
    targetType: row.target_type,
    targetId: row.target_id,
    businessId: row.business_id,
    reason: row.reason,
    before: row.before,
    after: row.after,
    details: row.details,
    requestId: row.request_id,
    at: row.at.toISOString(),
  };
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
        reason: entry.reason ?? null,
        beforeJson: entry.before ? JSON.stringify(entry.before) : null,
        afterJson: entry.after ? JSON.stringify(entry.after) : null,
        requestId: entry.actor.requestId ?? null,
        at: this.clock.now(),
      },
      tx,
    );
  }

  /** Staff's view: newest first, filtered. */
  async list(query: AuditQuery): Promise<Page<AuditEvent>> {
    const page = await this.entries.list({ ...query, limit: query.limit ?? 25 });
    return { items: page.items.map(toAuditEvent), nextCursor: page.nextCursor };
  }
}
