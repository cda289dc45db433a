import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { LeadFormFields } from '@beaker/contracts';

/** A business's web form. Deleting one keeps it (deleted_at): its leads still name it. */
@Entity('lead_forms')
export class LeadForm {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'business_id', type: 'uuid' })
  businessId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'jsonb' })
  fields: LeadFormFields;

  @Column({ name: 'consent_text', type: 'text' })
  consentText: string;

  /** Up by one each time consentText changes. */
  @Column({ name: 'consent_version', type: 'int', default: 1 })
  consentVersion: number;

  @Column({ name: 'allowed_origins', type: 'text', array: true, default: () => "'{}'" })
  allowedOrigins: string[];

  @Column({ name: 'auto_call', type: 'boolean', default: true })
  autoCall: boolean;

  @Column({ name: 'thank_you_message', type: 'text' })
  thankYouMessage: string;

  @Column({ name: 'deleted_at', type: 'timestamptz', nullable: true })
  deletedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
