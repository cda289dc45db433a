import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { BusinessStatus, Plan } from '@beaker/contracts';

/** A subscription's state as one Stripe event told it (the history MRR movements are computed from). */
@Entity('subscription_changes')
export class SubscriptionChangeRecord {
  @PrimaryGeneratedColumn({ type: 'bigint' })
  id: string;

  @Column({ name: 'business_id', type: 'uuid' })
  businessId: string;

  @Column({ name: 'stripe_customer_id', type: 'text' })
  stripeCustomerId: string;

  @Column({ name: 'stripe_subscription_id', type: 'text' })
  stripeSubscriptionId: string;

  /** Who paid (the checkout's row): a person who comes back with a new business is one customer. */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  @Column({ name: 'stripe_event_id', type: 'text', unique: true })
  stripeEventId: string;

  @Column({ type: 'text' })
  status: BusinessStatus;

  @Column({ type: 'text' })
  plan: Plan;

  @Column({ name: 'mrr_cents', type: 'int' })
  mrrCents: number;

  @Column({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;

  @Column({ name: 'recorded_at', type: 'timestamptz', default: () => 'now()' })
  recordedAt: Date;
}
