import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { CallDirection, CallStatus } from '@beaker/contracts';

export interface TranscriptTurn {
  speaker: 'assistant' | 'caller';
  text: string;
  /** Seconds from the start of the call. */
  at: number;
}

export interface ExtractedLead {
  name?: string;
  phone?: string;
  email?: string;
  intent?: string;
  urgency?: string;
}

/**
 * A call belongs to exactly one of a trial (the trials module's) or a business (the businesses
 * module's); a CHECK in the database says so. Only their ids are kept here.
 */
@Entity('calls')
export class Call {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'trial_id', type: 'uuid', nullable: true })
  trialId: string | null;

  @Column({ name: 'business_id', type: 'uuid', nullable: true })
  businessId: string | null;

  @Column({ type: 'text' })
  direction: CallDirection;

  @Column({ type: 'text', default: 'initiated' })
  status: CallStatus;

  @Column({ name: 'to_e164', type: 'text' })
  toE164: string;

  @Column({ name: 'from_e164', type: 'text', nullable: true })
  fromE164: string | null;

  @Column({ name: 'vapi_call_id', type: 'text', nullable: true })
  vapiCallId: string | null;

  @Column({ name: 'twilio_call_sid', type: 'text', nullable: true })
  twilioCallSid: string | null;

  /** The provider's reason (customer-ended-call, no-answer, busy, …), or ours for failures. */
  @Column({ name: 'ended_reason', type: 'text', nullable: true })
  endedReason: string | null;

  @Column({ name: 'duration_seconds', type: 'int', nullable: true })
  durationSeconds: number | null;

  @Column({ type: 'jsonb', nullable: true })
  transcript: TranscriptTurn[] | null;

  @Column({ name: 'recording_url', type: 'text', nullable: true })
  recordingUrl: string | null;

  @Column({ type: 'text', nullable: true })
  summary: string | null;

  @Column({ name: 'extracted_lead', type: 'jsonb', nullable: true })
  extractedLead: ExtractedLead | null;

  /** US dollars. */
  @Column({ name: 'cost_total', type: 'numeric', precision: 10, scale: 4, nullable: true })
  costTotal: string | null;

  /** US dollars per provider: {vapi, twilio, llm, tts, stt, …}. */
  @Column({ name: 'cost_breakdown', type: 'jsonb', nullable: true })
  costBreakdown: Record<string, number> | null;

  @Column({ name: 'started_at', type: 'timestamptz', nullable: true })
  startedAt: Date | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
