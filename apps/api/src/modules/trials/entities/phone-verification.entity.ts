import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { Trial } from './trial.entity';

/** One verification code sent by SMS for a trial's phone. The code itself is never stored. */
@Entity('phone_verifications')
export class PhoneVerification {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'trial_id', type: 'uuid' })
  trialId: string;

  @ManyToOne(() => Trial, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'trial_id' })
  trial?: Trial;

  @Column({ name: 'phone_e164', type: 'text' })
  phoneE164: string;

  /** HMAC-SHA256 of the code, keyed with the server secret and salted with the row id. */
  @Column({ name: 'code_hash', type: 'text' })
  codeHash: string;

  /** Every try at this code, right or wrong (at most 5). */
  @Column({ type: 'int', default: 0 })
  attempts: number;

  @Column({ name: 'sent_at', type: 'timestamptz' })
  sentAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @Column({ name: 'verified_at', type: 'timestamptz', nullable: true })
  verifiedAt: Date | null;

  @Column({ name: 'locked_at', type: 'timestamptz', nullable: true })
  lockedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
