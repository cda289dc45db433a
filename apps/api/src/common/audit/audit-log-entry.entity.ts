import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

export type AuditActorKind = 'user' | 'admin' | 'api_key' | 'system';

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

  @Column({ type: 'timestamptz' })
  at: Date;
}
