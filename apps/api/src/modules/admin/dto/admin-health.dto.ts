import { ApiProperty } from '@nestjs/swagger';
import { PROVIDERS, type Page, type Provider, type QueueHealthView, type WebhookBacklogRow, type WebhookHealth } from '@beaker/contracts';
import { WebhookEventSummaryDto } from '../../webhooks';

export class WebhookBacklogRowDto implements WebhookBacklogRow {
  @ApiProperty({ enum: PROVIDERS })
  provider: Provider;

  @ApiProperty({ description: 'Waiting to be processed, or for a retry' })
  pending: number;

  @ApiProperty()
  processing: number;

  @ApiProperty({ description: 'Out of retries (replayable)' })
  failed: number;

  @ApiProperty()
  completedLast24h: number;

  @ApiProperty()
  ignoredLast24h: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'When the oldest pending or processing event arrived' })
  oldestPendingAt: string | null;
}

export class WebhookHealthDto implements WebhookHealth {
  @ApiProperty({ type: [WebhookBacklogRowDto], description: 'One row per provider' })
  providers: WebhookBacklogRowDto[];

  @ApiProperty({ type: Number, nullable: true, description: 'Seconds since the oldest pending or processing event arrived; null when none waits' })
  oldestPendingAgeSeconds: number | null;

  @ApiProperty({ type: [WebhookEventSummaryDto], description: 'The latest failed events, newest first, at most 10' })
  recentFailures: WebhookEventSummaryDto[];
}

export class QueueHealthDto implements QueueHealthView {
  @ApiProperty({ example: 'critical' })
  name: string;

  @ApiProperty()
  waiting: number;

  @ApiProperty()
  active: number;

  @ApiProperty()
  delayed: number;

  @ApiProperty()
  failed: number;

  @ApiProperty({ description: 'Kept completed jobs (the queue trims them)' })
  completed: number;

  @ApiProperty()
  paused: boolean;
}

export class QueueHealthPageDto implements Page<QueueHealthView> {
  @ApiProperty({ type: [QueueHealthDto] })
  items: QueueHealthDto[];

  @ApiProperty({ type: String, nullable: true, description: 'Always null: every queue is listed' })
  nextCursor: string | null;
}
