import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** A POST's Idempotency-Key, with the request it came with and the answer it got (kept 24 hours). */
@Entity('idempotency_keys')
export class IdempotencyKey {
  /** Whose key: `api-key:<id>`, so that two integrators' keys never meet. */
  @PrimaryColumn({ type: 'text' })
  scope: string;

  @PrimaryColumn({ type: 'text' })
  key: string;

  @Column({ name: 'request_sha256', type: 'text' })
  requestSha256: string;

  /** Null while the first request is still being answered. */
  @Column({ name: 'response_status', type: 'int', nullable: true })
  responseStatus: number | null;

  @Column({ name: 'response_body', type: 'jsonb', nullable: true })
  responseBody: unknown;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;
}
