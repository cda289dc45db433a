import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  PROVIDERS,
  WEBHOOK_ATTEMPT_OUTCOMES,
  WEBHOOK_ATTEMPT_TRIGGERS,
  WEBHOOK_EVENT_STATUSES,
  type Page,
  type Provider,
  type WebhookAttemptOutcome,
  type WebhookAttemptTrigger,
  type WebhookEventAttemptView,
  type WebhookEventDetail,
  type WebhookEventListQuery,
  type WebhookEventStatus,
  type WebhookEventSummary,
  type WebhookEventTimelineEntry,
} from '@beaker/contracts';
import { PageQueryDto } from '../../../common/http/pagination';

export class WebhookEventQueryDto extends PageQueryDto implements WebhookEventListQuery {
  @ApiPropertyOptional({ enum: PROVIDERS })
  @IsOptional()
  @IsIn(PROVIDERS)
  provider?: Provider;

  @ApiPropertyOptional({ example: 'end-of-call-report', description: 'The event type, exactly' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  type?: string;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENT_STATUSES })
  @IsOptional()
  @IsIn(WEBHOOK_EVENT_STATUSES)
  status?: WebhookEventStatus;

  @ApiPropertyOptional({ format: 'date-time', description: 'Received at or after this instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Received before this instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class WebhookEventSummaryDto implements WebhookEventSummary {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: PROVIDERS })
  provider: Provider;

  @ApiProperty({ example: 'evt_1NqX…', description: "The provider's id for the event" })
  eventId: string;

  @ApiProperty({ example: 'invoice.paid' })
  eventType: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_STATUSES })
  status: WebhookEventStatus;

  @ApiProperty({ example: 1 })
  attempts: number;

  @ApiProperty({ type: String, nullable: true })
  lastError: string | null;

  @ApiProperty({ format: 'date-time' })
  receivedAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  processedAt: string | null;
}

export class WebhookEventPageDto implements Page<WebhookEventSummary> {
  @ApiProperty({ type: [WebhookEventSummaryDto] })
  items: WebhookEventSummaryDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

export class WebhookEventAttemptDto implements WebhookEventAttemptView {
  @ApiProperty({ example: 1 })
  attempt: number;

  @ApiProperty({ enum: WEBHOOK_ATTEMPT_TRIGGERS })
  trigger: WebhookAttemptTrigger;

  @ApiProperty({ enum: WEBHOOK_ATTEMPT_OUTCOMES })
  outcome: WebhookAttemptOutcome;

  @ApiProperty({ type: String, nullable: true })
  error: string | null;

  @ApiProperty({ format: 'date-time' })
  startedAt: string;

  @ApiProperty({ format: 'date-time' })
  finishedAt: string;
}

export class WebhookEventTimelineEntryDto implements WebhookEventTimelineEntry {
  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ enum: ['received', ...WEBHOOK_ATTEMPT_OUTCOMES] })
  kind: 'received' | WebhookAttemptOutcome;

  @ApiPropertyOptional()
  attempt?: number;

  @ApiPropertyOptional({ enum: WEBHOOK_ATTEMPT_TRIGGERS })
  trigger?: WebhookAttemptTrigger;

  @ApiPropertyOptional({ type: String, nullable: true })
  error?: string | null;
}

export class WebhookEventDetailDto extends WebhookEventSummaryDto implements WebhookEventDetail {
  @ApiProperty({ nullable: true, description: 'The payload as received (Twilio forms as an object of their fields); null once retention cleared it, 30 days after processing' })
  payload: unknown;

  @ApiProperty({ type: [WebhookEventAttemptDto] })
  attemptsLog: WebhookEventAttemptDto[];

  @ApiProperty({ type: [WebhookEventTimelineEntryDto] })
  timeline: WebhookEventTimelineEntryDto[];
}
