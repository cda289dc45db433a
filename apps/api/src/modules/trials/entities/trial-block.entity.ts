import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { TrialBlockKind } from '@beaker/contracts';

/** A phone number or email domain staff barred from starting trials (lifted, not deleted). */
@Entity('trial_blocks')
export class TrialBlockRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  kind: TrialBlockKind;

  /** E.164 for a phone, the lower-case domain for an email domain. */
  @Column({ type: 'text' })
  value: string;

  @Column({ type: 'text' })
  reason: string;

  /** The staff member who added it. */
  @Column({ name: 'created_by', type: 'uuid', nullable: true })
  createdBy: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'lifted_at', type: 'timestamptz', nullable: true })
  liftedAt: Date | null;

  @Column({ name: 'lifted_by', type: 'uuid', nullable: true })
  liftedBy: string | null;

  @Column({ name: 'lift_reason', type: 'text', nullable: true })
  liftReason: string | null;
}
