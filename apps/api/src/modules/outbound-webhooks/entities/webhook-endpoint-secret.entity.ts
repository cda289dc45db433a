import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A signing secret of an endpoint, encrypted (SecretBox); a rotated one signs until expires_at. */
@Entity('webhook_endpoint_secrets')
export class WebhookEndpointSecret {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'endpoint_id', type: 'uuid' })
  endpointId: string;

  @Column({ name: 'secret_ciphertext', type: 'text' })
  secretCiphertext: string;

  @Column({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz', nullable: true })
  expiresAt: Date | null;
}
