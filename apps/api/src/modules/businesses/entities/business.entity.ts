import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { BusinessStatus, Industry, Plan, Scenario } from '@beaker/contracts';

@Entity('businesses')
export class Business {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text', nullable: true })
  industry: Industry | null;

  @Column({ type: 'text', nullable: true })
  scenario: Scenario | null;

  /** Assistant persona (greeting, prompt, voice, hours), from the trial at go-live. */
  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  persona: Record<string, unknown>;

  @Column({ name: 'stripe_customer_id', type: 'text', nullable: true })
  stripeCustomerId: string | null;

  @Column({ name: 'stripe_subscription_id', type: 'text', nullable: true })
  stripeSubscriptionId: string | null;

  @Column({ type: 'text', default: 'active' })
  status: BusinessStatus;

  @Column({ type: 'text' })
  plan: Plan;

  @Column({ name: 'calls_included', type: 'int' })
  callsIncluded: number;

  @Column({ name: 'calls_used_this_period', type: 'int', default: 0 })
  callsUsedThisPeriod: number;

  @Column({ name: 'current_period_end', type: 'timestamptz', nullable: true })
  currentPeriodEnd: Date | null;

  @Column({ name: 'vapi_assistant_id', type: 'text', nullable: true })
  vapiAssistantId: string | null;

  @Column({ type: 'text', nullable: true })
  timezone: string | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
