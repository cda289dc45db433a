import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { Business } from './business.entity';

export type PhoneNumberStatus = 'provisioning' | 'active' | 'released';

@Entity('phone_numbers')
export class PhoneNumber {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'business_id', type: 'uuid' })
  businessId: string;

  @ManyToOne(() => Business, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'business_id' })
  business?: Business;

  @Column({ type: 'text' })
  e164: string;

  @Column({ name: 'twilio_sid', type: 'text', nullable: true })
  twilioSid: string | null;

  @Column({ name: 'vapi_phone_number_id', type: 'text', nullable: true })
  vapiPhoneNumberId: string | null;

  @Column({ type: 'text', default: 'provisioning' })
  status: PhoneNumberStatus;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
