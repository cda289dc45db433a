import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A paid Stripe invoice of a business, stored once per invoice (plan revenue for costs and margin). */
@Entity('business_invoices')
export class BusinessInvoice {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'business_id', type: 'uuid' })
  businessId: string;

  @Column({ name: 'stripe_invoice_id', type: 'text', unique: true })
  stripeInvoiceId: string;

  @Column({ name: 'amount_paid_cents', type: 'int' })
  amountPaidCents: number;

  @Column({ type: 'text' })
  currency: string;

  @Column({ name: 'paid_at', type: 'timestamptz' })
  paidAt: Date;

  @Column({ name: 'period_start', type: 'timestamptz', nullable: true })
  periodStart: Date | null;

  @Column({ name: 'period_end', type: 'timestamptz', nullable: true })
  periodEnd: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
