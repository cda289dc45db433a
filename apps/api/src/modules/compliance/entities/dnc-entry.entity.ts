import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { ComplianceActorKind, DncSource } from '@beaker/contracts';

/**
 * A number on a do-not-call list: a business's (businessId) or Beaker's own (businessId null,
 * honoured for every business). Removal is a state, never a delete, so the history stays; the
 * database allows one active entry per (list, number).
 */
@Entity('dnc_entries')
export class DncEntry {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'business_id', type: 'uuid', nullable: true })
  businessId: string | null;

  @Column({ name: 'phone_e164', type: 'text' })
  phoneE164: string;

  @Column({ type: 'text' })
  source: DncSource;

  @Column({ type: 'text' })
  reason: string;

  /** The call in which the person opted out. */
  @Column({ name: 'call_id', type: 'uuid', nullable: true })
  callId: string | null;

  @Column({ name: 'created_by_kind', type: 'text' })
  createdByKind: ComplianceActorKind;

  @Column({ name: 'created_by_id', type: 'uuid', nullable: true })
  createdById: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'removed_at', type: 'timestamptz', nullable: true })
  removedAt: Date | null;

  @Column({ name: 'removed_by_kind', type: 'text', nullable: true })
  removedByKind: ComplianceActorKind | null;

  @Column({ name: 'removed_by_id', type: 'uuid', nullable: true })
  removedById: string | null;

  @Column({ name: 'removal_reason', type: 'text', nullable: true })
  removalReason: string | null;
}
