import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { LeadSource, LeadStatus } from '@beaker/contracts';

/** The consent evidence of a lead as captured at submission; its SHA-256 is kept beside it. */
export interface ConsentEvidence {
  consentText: string;
  consentVersion: string | null;
  formId: string | null;
  checkboxChecked: boolean | null;
  capturedAt: string;
  ip: string | null;
  userAgent: string | null;
  pageUrl: string | null;
  method: 'web_form' | 'api';
}

/** Someone who asked to be called back, from a form, the API or an inbound call. */
@Entity('leads')
export class Lead {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'business_id', type: 'uuid' })
  businessId: string;

  @Column({ name: 'form_id', type: 'uuid', nullable: true })
  formId: string | null;

  @Column({ type: 'text' })
  source: LeadSource;

  @Column({ name: 'source_detail', type: 'text', nullable: true })
  sourceDetail: string | null;

  /** The inbound call (calls module) the lead came from. */
  @Column({ name: 'inbound_call_id', type: 'uuid', nullable: true })
  inboundCallId: string | null;

  @Column({ name: 'phone_e164', type: 'text' })
  phoneE164: string;

  @Column({ type: 'text', nullable: true })
  name: string | null;

  @Column({ type: 'text', nullable: true })
  email: string | null;

  @Column({ type: 'text', nullable: true })
  message: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  fields: Record<string, string | boolean>;

  @Column({ type: 'text', default: 'new' })
  status: LeadStatus;

  @Column({ name: 'status_reason', type: 'text', nullable: true })
  statusReason: string | null;

  @Column({ name: 'auto_call', type: 'boolean' })
  autoCall: boolean;

  /** The grant in the compliance module's consent ledger. */
  @Column({ name: 'consent_record_id', type: 'uuid', nullable: true })
  consentRecordId: string | null;

  @Column({ name: 'consent_evidence', type: 'jsonb', nullable: true })
  consentEvidence: ConsentEvidence | null;

  @Column({ name: 'consent_evidence_sha256', type: 'text', nullable: true })
  consentEvidenceSha256: string | null;

  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'first_attempt_at', type: 'timestamptz', nullable: true })
  firstAttemptAt: Date | null;

  @Column({ name: 'next_attempt_at', type: 'timestamptz', nullable: true })
  nextAttemptAt: Date | null;

  /** The compliance decision that deferred the next attempt: the re-check names it as its predecessor. */
  @Column({ name: 'deferred_by_decision_id', type: 'uuid', nullable: true })
  deferredByDecisionId: string | null;

  /** The lead's time zone (from its number), for "the next day at the same local time". */
  @Column({ name: 'time_zone', type: 'text', nullable: true })
  timeZone: string | null;

  @Column({ name: 'last_submission_at', type: 'timestamptz' })
  lastSubmissionAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
