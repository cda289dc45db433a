import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { Plan } from '@beaker/contracts';

/** A Stripe Checkout Session someone opened (the funnel's "checkout started"), once per session. */
@Entity('checkout_starts')
export class CheckoutStart {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'stripe_checkout_session_id', type: 'text', unique: true })
  stripeCheckoutSessionId: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'trial_id', type: 'uuid', nullable: true })
  trialId: string | null;

  @Column({ type: 'text' })
  plan: Plan;

  /** When the session was first created (a repeated click answers the same session and keeps this). */
  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;
}
