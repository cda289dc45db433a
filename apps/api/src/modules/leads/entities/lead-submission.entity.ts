import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { LeadSource } from '@beaker/contracts';

/** One submission of a lead (the same phone again within 10 minutes adds one to the same lead). */
@Entity('lead_submissions')
export class LeadSubmission {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'lead_id', type: 'uuid' })
  leadId: string;

  @Column({ name: 'form_id', type: 'uuid', nullable: true })
  formId: string | null;

  @Column({ type: 'text' })
  source: LeadSource;

  @Column({ type: 'jsonb' })
  payload: Record<string, unknown>;

  @Column({ type: 'inet', nullable: true })
  ip: string | null;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent: string | null;

  @Column({ name: 'page_url', type: 'text', nullable: true })
  pageUrl: string | null;

  @Column({ name: 'submitted_at', type: 'timestamptz' })
  submittedAt: Date;
}
