import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** answered: someone spoke with the agent; no_answer: no answer, busy or voicemail (retried); failed: the call could not be made. */
export type LeadCallOutcome = 'answered' | 'no_answer' | 'failed';

/** A call attempt to a lead (1 to 3): the call (calls module) and the decision that allowed it (compliance module). */
@Entity('lead_calls')
export class LeadCall {
  @PrimaryColumn({ name: 'lead_id', type: 'uuid' })
  leadId: string;

  @PrimaryColumn({ type: 'int' })
  attempt: number;

  @Column({ name: 'call_id', type: 'uuid' })
  callId: string;

  @Column({ name: 'decision_id', type: 'uuid', nullable: true })
  decisionId: string | null;

  /** When the voice provider took the call. */
  @Column({ name: 'placed_at', type: 'timestamptz', nullable: true })
  placedAt: Date | null;

  /** How the attempt went, once the call ended and the lead moved on (set exactly once). */
  @Column({ type: 'text', nullable: true })
  outcome: LeadCallOutcome | null;

  @Column({ name: 'ended_at', type: 'timestamptz', nullable: true })
  endedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
