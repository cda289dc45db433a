import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { CallPurpose, ComplianceDecision as Decision, ComplianceReason } from '@beaker/contracts';

export type DecisionOutcome = 'call_placed' | 'deferred' | 'no_placer' | 'owner_declined' | 'abandoned';

/**
 * The decision log: every check made before an outbound call (allow, defer or block) with its
 * reasons, rules version and a summary of the facts it saw, linked to the call it allowed, or to
 * the decision it followed when a deferred call was checked again.
 */
@Entity('compliance_decisions')
export class ComplianceDecisionRecord {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'business_id', type: 'uuid', nullable: true })
  businessId: string | null;

  @Column({ name: 'trial_id', type: 'uuid', nullable: true })
  trialId: string | null;

  @Column({ name: 'lead_id', type: 'uuid', nullable: true })
  leadId: string | null;

  @Column({ name: 'call_id', type: 'uuid', nullable: true })
  callId: string | null;

  @Column({ name: 'previous_decision_id', type: 'uuid', nullable: true })
  previousDecisionId: string | null;

  @Column({ name: 'phone_e164', type: 'text' })
  phoneE164: string;

  @Column({ type: 'text' })
  purpose: CallPurpose;

  @Column({ type: 'text', nullable: true })
  subject: string | null;

  @Column({ type: 'text' })
  decision: Decision;

  @Column({ type: 'jsonb' })
  reasons: ComplianceReason[];

  @Column({ name: 'next_allowed_at', type: 'timestamptz', nullable: true })
  nextAllowedAt: Date | null;

  @Column({ name: 'recording_disclosure', type: 'boolean' })
  recordingDisclosure: boolean;

  @Column({ name: 'rules_version', type: 'text' })
  rulesVersion: string;

  @Column({ name: 'evaluated_at', type: 'timestamptz' })
  evaluatedAt: Date;

  @Column({ name: 'input_summary', type: 'jsonb' })
  inputSummary: Record<string, unknown>;

  @Column({ name: 'deferred_job_id', type: 'text', nullable: true })
  deferredJobId: string | null;

  @Column({ type: 'text', nullable: true })
  outcome: DecisionOutcome | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
