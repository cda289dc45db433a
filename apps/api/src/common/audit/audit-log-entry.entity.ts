import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AuditActorKind } from '@beaker/contracts';

export type { AuditActorKind } from '@beaker/contracts';

/** One line of the append-only audit log (the database refuses UPDATE and DELETE). */
@Entity('audit_log')
export class AuditLogEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'actor_kind', type: 'text' })
  actorKind: AuditActorKind;

  /** The user's or API key's id; null for the system. */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  /** `<area>.<verb>`, e.g. `dnc.add`, `dnc.remove`, `user.suspend`. */
  @Column({ type: 'text' })
  action: string;

  @Column({ name: 'target_type', type: 'text' })
  targetType: string;

  @Column({ name: 'target_id', type: 'text', nullable: true })
  targetId: string | null;

  @Column({ name: 'business_id', type: 'uuid', nullable: true })
  businessId: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  details: Record<string, unknown>;

  /** Why, in the actor's words (staff actions always have one). */
  @Column({ type: 'text', nullable: true })
  reason: string | null;

  /** The target's state before and after the action (what matters of it; never secrets). */
  @Column({ type: 'jsonb', nullable: true })
  before: Record<string, unknown> | null;

  @Column({ type: 'jsonb', nullable: true })
  after: Record<string, unknown> | null;

  /** The X-Request-Id of the request that did it (null for jobs and the system). */
  @Column({ name: 'request_id', type: 'text', nullable: true })
  requestId: string | null;

  @Column({ type: 'timestamptz' })
  at: Date;
}
