import { Column, Entity, PrimaryColumn, PrimaryGeneratedColumn } from 'typeorm';

/** A person's choice about a business's weekly report (no row: owners get it, members do not). */
@Entity('weekly_report_settings')
export class WeeklyReportSetting {
  @PrimaryColumn({ name: 'business_id', type: 'uuid' })
  businessId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'weekly_report', type: 'boolean' })
  weeklyReport: boolean;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** One report for one business, week and recipient: claimed (sending, with a lease) before the email goes out, then sent (or failed). */
@Entity('weekly_report_sends')
export class WeeklyReportSend {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'business_id', type: 'uuid' })
  businessId: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  /** The Monday of the reported week, a local day of the business. */
  @Column({ name: 'week_start', type: 'date' })
  weekStart: string;

  @Column({ type: 'text' })
  status: 'sending' | 'sent' | 'failed';

  @Column({ type: 'int' })
  attempts: number;

  /** Until when the worker that claimed it owns it; after that another may take it over. */
  @Column({ name: 'lease_until', type: 'timestamptz' })
  leaseUntil: Date;

  @Column({ name: 'sent_at', type: 'timestamptz', nullable: true })
  sentAt: Date | null;

  @Column({ name: 'last_error', type: 'text', nullable: true })
  lastError: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}

/** An unsubscribe link of a weekly report: only its SHA-256 is stored. */
@Entity('weekly_report_unsubscribe_tokens')
export class WeeklyReportUnsubscribeToken {
  @PrimaryColumn({ name: 'token_hash', type: 'text' })
  tokenHash: string;

  @Column({ name: 'business_id', type: 'uuid' })
  businessId: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'send_id', type: 'uuid', nullable: true })
  sendId: string | null;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'used_at', type: 'timestamptz', nullable: true })
  usedAt: Date | null;
}
