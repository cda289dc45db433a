import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** The outbox: an event, written in the transaction of the change that caused it. */
@Entity('outbound_events')
export class OutboundEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'business_id', type: 'uuid' })
  businessId: string;

  @Column({ type: 'text' })
  type: string;

  @Column({ name: 'api_version', type: 'text' })
  apiVersion: string;

  @Column({ type: 'jsonb' })
  data: Record<string, unknown>;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
