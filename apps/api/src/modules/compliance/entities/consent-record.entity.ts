import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CallPurpose, ConsentKind, ConsentMethod } from '@beaker/contracts';

/**
 * One line of the consent ledger. Immutable: the database refuses UPDATE and DELETE on the table;
 * a revocation is a new line. trialId, leadId and callId are plain uuids (no foreign keys): the
 * evidence outlives the trial, and the leads table comes later.
 */
@Entity('consent_records')
export class ConsentRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'phone_e164', type: 'text' })
  phoneE164: string;

  /** null: Beaker's own (trial demo calls). */
  @Column({ name: 'business_id', type: 'uuid', nullable: true })
  businessId: string | null;

  @Column({ name: 'trial_id', type: 'uuid', nullable: true })
  trialId: string | null;

  @Column({ name: 'lead_id', type: 'uuid', nullable: true })
  leadId: string | null;

  @Column({ name: 'call_id', type: 'uuid', nullable: true })
  callId: string | null;

  @Column({ type: 'text' })
  kind: ConsentKind;

  @Column({ type: 'text' })
  method: ConsentMethod;

  @Column({ type: 'text', nullable: true })
  purpose: CallPurpose | null;

  @Column({ name: 'consent_text', type: 'text', nullable: true })
  consentText: string | null;

  @Column({ name: 'consent_text_hash', type: 'text', nullable: true })
  consentTextHash: string | null;

  @Column({ name: 'consent_version', type: 'text', nullable: true })
  consentVersion: string | null;

  @Column({ name: 'captured_at', type: 'timestamptz' })
  capturedAt: Date;

  @Column({ type: 'inet', nullable: true })
  ip: string | null;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent: string | null;

  @Column({ name: 'page_url', type: 'text', nullable: true })
  pageUrl: string | null;

  @Column({ name: 'form_id', type: 'text', nullable: true })
  formId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
