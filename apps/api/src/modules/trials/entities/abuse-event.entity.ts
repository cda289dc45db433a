import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AbuseEventKind } from '@beaker/contracts';

export { ABUSE_EVENT_KINDS, type AbuseEventKind } from '@beaker/contracts';

/** A trial refused or stopped for looking like abuse; read by the admin abuse view. */
@Entity('abuse_events')
export class AbuseEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  kind: AbuseEventKind;

  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ type: 'text', nullable: true })
  ip: string | null;

  @Column({ name: 'phone_e164', type: 'text', nullable: true })
  phoneE164: string | null;

  /** The email domain of the person refused, when the refusal knows it. */
  @Column({ name: 'email_domain', type: 'text', nullable: true })
  emailDomain: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  details: Record<string, unknown>;

  @Column({ type: 'timestamptz' })
  at: Date;
}
