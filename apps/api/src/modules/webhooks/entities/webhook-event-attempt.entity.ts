import { Column, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import type { WebhookAttemptOutcome, WebhookAttemptTrigger } from '@beaker/contracts';
import { WebhookEvent } from './webhook-event.entity';

/** One processing attempt of a webhook event: the inspector's timeline. */
@Entity('webhook_event_attempts')
export class WebhookEventAttempt {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'webhook_event_id', type: 'uuid' })
  webhookEventId: string;

  @ManyToOne(() => WebhookEvent, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'webhook_event_id' })
  webhookEvent?: WebhookEvent;

  @Column({ type: 'int' })
  attempt: number;

  @Column({ type: 'text' })
  trigger: WebhookAttemptTrigger;

  @Column({ type: 'text' })
  outcome: WebhookAttemptOutcome;

  @Column({ type: 'text', nullable: true })
  error: string | null;

  @Column({ name: 'started_at', type: 'timestamptz' })
  startedAt: Date;

  @Column({ name: 'finished_at', type: 'timestamptz' })
  finishedAt: Date;
}
