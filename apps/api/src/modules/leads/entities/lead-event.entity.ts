import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { LeadStatus } from '@beaker/contracts';

/** What happened to a lead besides its submissions, decisions and calls: status changes, owners told. */
@Entity('lead_events')
export class LeadEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'lead_id', type: 'uuid' })
  leadId: string;

  @Column({ type: 'text' })
  kind: 'status' | 'notified';

  @Column({ type: 'text', nullable: true })
  status: LeadStatus | null;

  @Column({ type: 'text', nullable: true })
  reason: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  detail: Record<string, unknown>;

  @Column({ type: 'timestamptz' })
  at: Date;
}
