import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import {
  WEBHOOK_EVENT_TYPES,
  type Page,
  type WebhookDeliveryAttempt,
  type WebhookEndpoint,
  type WebhookEndpointCreated,
  type WebhookEndpointInput,
  type WebhookEventType,
  type WebhookSecretRotated,
  type WebhookTestSent,
} from '@beaker/contracts';
import { Trim } from '../../../common/http/dto-transforms';

export class CreateWebhookEndpointDto implements WebhookEndpointInput {
  @ApiProperty({
    example: 'https://hooks.example.com/beaker',
    maxLength: 2048,
    description: 'Where the events are POSTed: https (http only to localhost outside live mode); never a private, loopback or link-local address in live mode',
  })
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(2048)
  url: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true, example: ['lead.created', 'call.completed'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  eventTypes: WebhookEventType[];

  @ApiPropertyOptional({ maxLength: 200, example: 'CRM sync' })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  description?: string;

  @ApiPropertyOptional({ default: true })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class UpdateWebhookEndpointDto implements Partial<WebhookEndpointInput> {
  @ApiPropertyOptional({ example: 'https://hooks.example.com/beaker', maxLength: 2048 })
  @IsOptional()
  @Trim()
  @IsString()
  @MinLength(1)
  @MaxLength(2048)
  url?: string;

  @ApiPropertyOptional({ enum: WEBHOOK_EVENT_TYPES, isArray: true })
  @IsOptional()
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(WEBHOOK_EVENT_TYPES.length)
  @IsIn(WEBHOOK_EVENT_TYPES, { each: true })
  eventTypes?: WebhookEventType[];

  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @Trim()
  @IsString()
  @MaxLength(200)
  description?: string;

  @ApiPropertyOptional({ description: 'false stops deliveries (pending ones are canceled); true turns it back on, also after it was disabled for failing' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;
}

export class WebhookEndpointDto implements WebhookEndpoint {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'https://hooks.example.com/beaker' })
  url: string;

  @ApiProperty({ example: 'CRM sync' })
  description: string;

  @ApiProperty({ enum: WEBHOOK_EVENT_TYPES, isArray: true })
  eventTypes: WebhookEventType[];

  @ApiProperty()
  enabled: boolean;

  @ApiProperty({ type: String, enum: ['failing', 'owner'], nullable: true, description: 'failing: disabled by Beaker after 5 days of failed deliveries (the owners were emailed); owner: turned off' })
  disabledReason: 'failing' | 'owner' | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'Every delivery has failed since then (null after a success)' })
  failingSince: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ format: 'date-time' })
  updatedAt: string;
}

export class WebhookEndpointCreatedDto extends WebhookEndpointDto implements WebhookEndpointCreated {
  @ApiProperty({ example: 'whsec_…', description: 'The signing secret: shown in this answer only; store it now.' })
  secret: string;
}

export class WebhookEndpointPageDto implements Page<WebhookEndpoint> {
  @ApiProperty({ type: [WebhookEndpointDto] })
  items: WebhookEndpointDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

export class WebhookSecretRotatedDto implements WebhookSecretRotated {
  @ApiProperty({ example: 'whsec_…', description: 'The new signing secret: shown in this answer only' })
  secret: string;

  @ApiProperty({ format: 'date-time', description: 'Until then the previous secret signs too' })
  previousSecretExpiresAt: string;
}

export class WebhookTestSentDto implements WebhookTestSent {
  @ApiProperty({ format: 'uuid' })
  eventId: string;

  @ApiProperty({ format: 'uuid', description: 'Its attempts appear in the delivery log' })
  deliveryId: string;
}

export class WebhookRetryDto {
  @ApiProperty({ format: 'uuid' })
  deliveryId: string;

  @ApiProperty({ description: 'The number of the attempt that will be made (0: an attempt is being made right now)' })
  attempt: number;
}

export class WebhookDeliveryAttemptDto implements WebhookDeliveryAttempt {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  deliveryId: string;

  @ApiProperty({ format: 'uuid' })
  eventId: string;

  @ApiProperty({ example: 'lead.created' })
  eventType: string;

  @ApiProperty({ minimum: 1 })
  attempt: number;

  @ApiProperty()
  succeeded: boolean;

  @ApiProperty({ type: Number, nullable: true })
  statusCode: number | null;

  @ApiProperty()
  latencyMs: number;

  @ApiProperty({ type: String, nullable: true, example: 'timeout: no answer within 10000 ms' })
  error: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'The first 2 KB of the response body' })
  responseBody: string | null;

  @ApiProperty({ format: 'date-time' })
  at: string;

  @ApiProperty({ enum: ['pending', 'succeeded', 'failed', 'canceled'] })
  deliveryStatus: 'pending' | 'succeeded' | 'failed' | 'canceled';

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  nextAttemptAt: string | null;
}

export class WebhookDeliveryAttemptPageDto implements Page<WebhookDeliveryAttempt> {
  @ApiProperty({ type: [WebhookDeliveryAttemptDto] })
  items: WebhookDeliveryAttemptDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
