import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Whether a person of a business gets an email for every new lead (owners: yes unless they said no; members: no unless they said yes). */
@Entity('lead_notification_settings')
export class LeadNotificationSetting {
  @PrimaryColumn({ name: 'business_id', type: 'uuid' })
  businessId: string;

  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ name: 'email_on_new_lead', type: 'boolean' })
  emailOnNewLead: boolean;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
