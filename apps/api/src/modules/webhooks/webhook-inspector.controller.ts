import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { type AuditActor, Auditor } from '../../common/audit/audit.service';
import { Forbidden, InvalidCursor, Unauthenticated, ValidationFailed } from '../../common/errors/common.errors';
import { Endpoint, EndpointErrors } from '../../common/http/endpoint';
import { AdminOnly, ApiCsrfHeader, CsrfRejected } from '../auth';
import { WebhookEventDetailDto, WebhookEventPageDto, WebhookEventQueryDto } from './dto/webhook-event.dto';
import { WebhookInspector } from './webhook-inspector.service';
import { WebhookEventBusy, WebhookEventNotFound, WebhookPayloadPruned } from './webhooks.errors';

@ApiTags('admin')
@ApiCookieAuth('session')
@AdminOnly()
@EndpointErrors([Unauthenticated, { error: Forbidden, note: 'Beaker staff only' }])
@Controller('v1/admin/webhook-events')
export class WebhookInspectorController {
  constructor(private readonly inspector: WebhookInspector) {}

  @Get()
  @Endpoint({
    summary: 'Provider webhook events, newest first',
    description: 'Filters: provider, type, status, received from/to.',
    response: { status: 200, type: WebhookEventPageDto },
    errors: [ValidationFailed, InvalidCursor],
  })
  list(@Query() query: WebhookEventQueryDto): Promise<WebhookEventPageDto> {
    return this.inspector.list(query);
  }

  @Get(':id')
  @Endpoint({ summary: 'One webhook event: payload, attempts, last error, timeline', response: { status: 200, type: WebhookEventDetailDto }, errors: [WebhookEventNotFound] })
  detail(@Param('id') id: string): Promise<WebhookEventDetailDto> {
    return this.inspector.detail(id);
  }

  @Post(':id/replay')
  @HttpCode(200)
  @ApiCsrfHeader()
  @Endpoint({
    summary: 'Process a webhook event again, now',
    description: 'Runs its handler again whatever its status (handlers are idempotent: replaying a completed event changes nothing). Answers the event as it stands after. Audited (webhook_event.replay) with the outcome, in the transaction that records the attempt.',
    response: { status: 200, type: WebhookEventDetailDto },
    errors: [WebhookEventNotFound, WebhookEventBusy, { error: WebhookPayloadPruned, note: 'processed over 30 days ago: retention cleared its payload' }, CsrfRejected],
  })
  replay(@Param('id') id: string, @Auditor() auditor: AuditActor): Promise<WebhookEventDetailDto> {
    return this.inspector.replay(id, auditor);
  }
}
