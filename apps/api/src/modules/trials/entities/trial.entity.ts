import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { Industry, Scenario, TrialStatus } from '@beaker/contracts';

@Entity('trials')
export class Trial {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  industry: Industry;

  @Column({ name: 'business_name', type: 'text' })
  businessName: string;

  @Column({ type: 'text' })
  scenario: Scenario;

  @Column({ name: 'phone_e164', type: 'text' })
  phoneE164: string;

  @Column({ name: 'phone_verified_at', type: 'timestamptz', nullable: true })
  phoneVerifiedAt: Date | null;

  @Column({ name: 'vapi_assistant_id', type: 'text', nullable: true })
  vapiAssistantId: string | null;

  /** The persona the assistant was built from; carried over to the business on go-live. */
  @Column({ name: 'assistant_config', type: 'jsonb', default: () => "'{}'::jsonb" })
  assistantConfig: Record<string, unknown>;

  @Column({ name: 'calls_used', type: 'int', default: 0 })
  callsUsed: number;

  @Column({ name: 'calls_limit', type: 'int', default: 3 })
  callsLimit: number;

  @Column({ type: 'text', default: 'pending' })
  status: TrialStatus;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
