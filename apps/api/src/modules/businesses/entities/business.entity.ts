import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import type { BusinessStatus, Industry, Plan, ProvisioningStatus, ProvisioningStep, Scenario } from '@beaker/contracts';

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

  /** Staff's grant of included calls per period, in force until calls_included_override_until (then the plan's again). */
  @Column({ name: 'calls_included_override', type: 'int', nullable: true })
  callsIncludedOverride: number | null;

  @Column({ name: 'calls_included_override_until', type: 'timestamptz', nullable: true })
  callsIncludedOverrideUntil: Date | null;

  @Column({ name: 'calls_included_override_reason', type: 'text', nullable: true })
  callsIncludedOverrideReason: string | null;

  /** The staff member who set it. */
  @Column({ name: 'calls_included_override_by', type: 'uuid', nullable: true })
  callsIncludedOverrideBy: string | null;

  @Column({ name: 'calls_included_override_at', type: 'timestamptz', nullable: true })
  callsIncludedOverrideAt: Date | null;

  @Column({ name: 'calls_used_this_period', type: 'int', default: 0 })
  callsUsedThisPeriod: number;

  @Column({ name: 'current_period_end', type: 'timestamptz', nullable: true })
  currentPeriodEnd: Date | null;

  @Column({ name: 'vapi_assistant_id', type: 'text', nullable: true })
  vapiAssistantId: string | null;

  @Column({ type: 'text', nullable: true })
  timezone: string | null;

  /** The trial it went live from (its persona was carried over). */
  @Column({ name: 'trial_id', type: 'uuid', nullable: true })
  trialId: string | null;

  /** The Stripe Checkout Session that created it: a redelivered checkout.session.completed finds it. */
  @Column({ name: 'checkout_session_id', type: 'text', nullable: true })
  checkoutSessionId: string | null;

  /** When the subscription went past due; the grace period counts from here. */
  @Column({ name: 'past_due_since', type: 'timestamptz', nullable: true })
  pastDueSince: Date | null;

  @Column({ name: 'current_period_start', type: 'timestamptz', nullable: true })
  currentPeriodStart: Date | null;

  @Column({ name: 'last_paid_invoice_id', type: 'text', nullable: true })
  lastPaidInvoiceId: string | null;

  /** Stripe's time of the subscription state held here: older events do not overwrite it. */
  @Column({ name: 'subscription_synced_at', type: 'timestamptz', nullable: true })
  subscriptionSyncedAt: Date | null;

  @Column({ name: 'provisioning_status', type: 'text', default: 'pending' })
  provisioningStatus: ProvisioningStatus;

  @Column({ name: 'provisioning_step', type: 'text', nullable: true })
  provisioningStep: ProvisioningStep | null;

  @Column({ name: 'provisioning_error', type: 'text', nullable: true })
  provisioningError: string | null;

  @Column({ name: 'provisioning_updated_at', type: 'timestamptz', nullable: true })
  provisioningUpdatedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
