import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiHeader, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { InvalidCursor, NotFound, Unauthenticated, ValidationFailed } from '../../common/errors/common.errors';
import { Endpoint, EndpointErrors } from '../../common/http/endpoint';
import { PageQueryDto } from '../../common/http/pagination';
import { IdempotencyKeyInvalid, IdempotencyKeyReused } from '../../common/idempotency/idempotency.errors';
import { type Actor, API_KEY_LIMITED, ApiCsrfHeader, ApiKeyAllowed, BusinessRoute, CsrfRejected, CurrentActor } from '../auth';
import {
  CreateWebhookEndpointDto,
  UpdateWebhookEndpointDto,
  WebhookDeliveryAttemptPageDto,
  WebhookEndpointCreatedDto,
  WebhookEndpointDto,
  WebhookEndpointPageDto,
  WebhookRetryDto,
  WebhookSecretRotatedDto,
  WebhookTestSentDto,
} from './dto/webhook-endpoint.dto';
import { WebhookEndpointDisabled, WebhookEndpointLimit, WebhookUrlNotAllowed } from './outbound-webhooks.errors';
import { WebhookEndpointsService } from './webhook-endpoints.service';

/** Whose Idempotency-Keys these are: an integrator's key's, or a person's. */
const scopeOf = (actor: Actor): string => (actor.kind === 'api_key' ? `api-key:${actor.apiKeyId}` : `user:${actor.user.id}`);

@ApiTags('webhooks')
@ApiCookieAuth('session')
@ApiBearerAuth('apiKey')
@ApiParam({ name: 'id', format: 'uuid', description: 'The business' })
@BusinessRoute('id')
@ApiKeyAllowed()
@EndpointErrors([Unauthenticated, { error: NotFound, note: 'no such business (or endpoint), or not yours' }, API_KEY_LIMITED])
@Controller('v1/businesses/:id/webhook-endpoints')
export class WebhookEndpointsController {
  constructor(private readonly endpoints: WebhookEndpointsService) {}

  @Get()
  @Endpoint({
    summary: "The business's webhook endpoints, newest first",
    description: 'How events are signed, verified and retried: "Receiving webhooks" at the top of this reference.',
    response: { status: 200, type: WebhookEndpointPageDto },
    errors: [ValidationFailed, InvalidCursor],
  })
  list(@Param('id') businessId: string, @Query() query: PageQueryDto): Promise<WebhookEndpointPageDto> {
    return this.endpoints.list(businessId, query);
  }

  @Post()
  @HttpCode(201)
  @ApiCsrfHeader()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Any unique string up to 255 characters: a retry with the same key and body answers the first answer (the same endpoint and secret) for 24 hours' })
  @Endpoint({
    summary: 'Create a webhook endpoint; its signing secret is in this answer only',
    description:
      'Events of the chosen types are POSTed to `url`, signed with the secret (`Beaker-Signature`; see "Receiving webhooks" in the list route\'s description). ' +
      'Live mode: https only, and never to a private, loopback or link-local address. Up to 20 endpoints per business.',
    response: { status: 201, type: WebhookEndpointCreatedDto },
    errors: [
      ValidationFailed,
      CsrfRejected,
      { error: WebhookUrlNotAllowed, note: 'http outside localhost, or (live mode) a private, loopback or link-local address' },
      { error: WebhookEndpointLimit, note: 'up to 20 endpoints per business' },
      IdempotencyKeyInvalid,
      { error: IdempotencyKeyReused, note: 'the same key with a different body' },
    ],
  })
  async create(
    @Param('id') businessId: string,
    @Body() body: CreateWebhookEndpointDto,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebhookEndpointCreatedDto> {
    const { created, replayed } = await this.endpoints.create(businessId, body, { scope: scopeOf(actor), key: idempotencyKey });
    if (replayed) void reply.header('idempotent-replayed', 'true');
    return created;
  }

  @Get(':endpointId')
  @ApiParam({ name: 'endpointId', format: 'uuid' })
  @Endpoint({ summary: 'A webhook endpoint (never its secret)', response: { status: 200, type: WebhookEndpointDto } })
  get(@Param('id') businessId: string, @Param('endpointId') endpointId: string): Promise<WebhookEndpointDto> {
    return this.endpoints.get(businessId, endpointId);
  }

  @Patch(':endpointId')
  @ApiCsrfHeader()
  @ApiParam({ name: 'endpointId', format: 'uuid' })
  @Endpoint({
    summary: 'Change a webhook endpoint: its URL, event types, description, or turn it off and on',
    description: 'Turning it off cancels the deliveries still waiting for it; turning it back on (also after Beaker disabled it for failing) starts afresh.',
    response: { status: 200, type: WebhookEndpointDto },
    errors: [ValidationFailed, CsrfRejected, { error: WebhookUrlNotAllowed, note: 'as on creation' }],
  })
  update(@Param('id') businessId: string, @Param('endpointId') endpointId: string, @Body() body: UpdateWebhookEndpointDto): Promise<WebhookEndpointDto> {
    return this.endpoints.update(businessId, endpointId, body);
  }

  @Delete(':endpointId')
  @HttpCode(204)
  @ApiCsrfHeader()
  @ApiParam({ name: 'endpointId', format: 'uuid' })
  @Endpoint({ summary: 'Delete a webhook endpoint: nothing more is sent to it', response: { status: 204, description: 'Deleted' }, errors: [CsrfRejected] })
  async remove(@Param('id') businessId: string, @Param('endpointId') endpointId: string): Promise<void> {
    await this.endpoints.remove(businessId, endpointId);
  }

  @Post(':endpointId/rotate-secret')
  @HttpCode(201)
  @ApiCsrfHeader()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Any unique string up to 255 characters: a retry with the same key answers the first answer for 24 hours' })
  @ApiParam({ name: 'endpointId', format: 'uuid' })
  @Endpoint({
    summary: 'Rotate the signing secret: a new one (in this answer only), the previous one still signs for 24 hours',
    description: 'During the overlap every delivery carries two `v1=` signatures, one per secret: switch your receiver to the new secret at any time within it.',
    response: { status: 201, type: WebhookSecretRotatedDto },
    errors: [CsrfRejected, IdempotencyKeyInvalid, IdempotencyKeyReused],
  })
  async rotateSecret(
    @Param('id') businessId: string,
    @Param('endpointId') endpointId: string,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebhookSecretRotatedDto> {
    const { rotated, replayed } = await this.endpoints.rotateSecret(businessId, endpointId, { scope: scopeOf(actor), key: idempotencyKey });
    if (replayed) void reply.header('idempotent-replayed', 'true');
    return rotated;
  }

  @Post(':endpointId/test')
  @HttpCode(202)
  @ApiCsrfHeader()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Any unique string up to 255 characters: a retry with the same key answers the first answer for 24 hours' })
  @ApiParam({ name: 'endpointId', format: 'uuid' })
  @Endpoint({
    summary: 'Send a test event (`webhook.test`) to this endpoint; it appears in the delivery log',
    response: { status: 202, type: WebhookTestSentDto },
    errors: [CsrfRejected, { error: WebhookEndpointDisabled, note: 'turn it on first' }, IdempotencyKeyInvalid, IdempotencyKeyReused],
  })
  async sendTest(
    @Param('id') businessId: string,
    @Param('endpointId') endpointId: string,
    @CurrentActor() actor: Actor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<WebhookTestSentDto> {
    const { sent, replayed } = await this.endpoints.sendTest(businessId, endpointId, { scope: scopeOf(actor), key: idempotencyKey });
    if (replayed) void reply.header('idempotent-replayed', 'true');
    return sent;
  }

  @Get(':endpointId/deliveries')
  @ApiParam({ name: 'endpointId', format: 'uuid' })
  @Endpoint({
    summary: 'The delivery log: every attempt to this endpoint, newest first',
    description: 'Each attempt: the event, the attempt number, the status code, the latency, the first 2 KB of the answer, and the delivery\'s state now.',
    response: { status: 200, type: WebhookDeliveryAttemptPageDto },
    errors: [ValidationFailed, InvalidCursor],
  })
  deliveries(@Param('id') businessId: string, @Param('endpointId') endpointId: string, @Query() query: PageQueryDto): Promise<WebhookDeliveryAttemptPageDto> {
    return this.endpoints.deliveryLog(businessId, endpointId, query);
  }

  @Post(':endpointId/deliveries/:deliveryId/retry')
  @HttpCode(202)
  @ApiCsrfHeader()
  @ApiParam({ name: 'endpointId', format: 'uuid' })
  @ApiParam({ name: 'deliveryId', format: 'uuid' })
  @Endpoint({
    summary: 'Send a delivery again now (a replay, whatever its state)',
    response: { status: 202, type: WebhookRetryDto },
    errors: [CsrfRejected, { error: WebhookEndpointDisabled, note: 'turn it on first' }],
  })
  retry(@Param('id') businessId: string, @Param('endpointId') endpointId: string, @Param('deliveryId') deliveryId: string): Promise<WebhookRetryDto> {
    return this.endpoints.retry(businessId, endpointId, deliveryId);
  }
}
