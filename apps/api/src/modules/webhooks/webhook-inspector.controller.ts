import { Controller, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiCookieAuth, ApiConflictResponse, ApiForbiddenResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ProblemResponse } from '../../common/http/openapi';
import { AdminOnly } from '../auth';
import { WebhookEventDetailDto, WebhookEventPageDto, WebhookEventQueryDto } from './dto/webhook-event.dto';
import { WebhookInspector } from './webhook-inspector.service';

@ApiTags('admin')
@ApiCookieAuth('session')
@AdminOnly()
@ApiUnauthorizedResponse({ type: ProblemResponse, description: 'AUTH.UNAUTHENTICATED' })
@ApiForbiddenResponse({ type: ProblemResponse, description: 'AUTH.FORBIDDEN: Beaker staff only' })
@Controller('v1/admin/webhook-events')
export class WebhookInspectorController {
  constructor(private readonly inspector: WebhookInspector) {}

  @Get()
  @ApiOperation({ summary: 'Provider webhook events, newest first', description: 'Filters: provider, type, status, received from/to.' })
  @ApiOkResponse({ type: WebhookEventPageDto })
  @ApiBadRequestResponse({ type: ProblemResponse, description: 'VALIDATION.FAILED or PAGINATION.INVALID_CURSOR' })
  list(@Query() query: WebhookEventQueryDto): Promise<WebhookEventPageDto> {
    return this.inspector.list(query);
  }

  @Get(':id')
  @ApiOperation({ summary: 'One webhook event: payload, attempts, last error, timeline' })
  @ApiOkResponse({ type: WebhookEventDetailDto })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'WEBHOOKS.EVENT_NOT_FOUND' })
  detail(@Param('id') id: string): Promise<WebhookEventDetailDto> {
    return this.inspector.detail(id);
  }

  @Post(':id/replay')
  @HttpCode(200)
  @ApiOperation({
    summary: 'Process a webhook event again, now',
    description: 'Runs its handler again whatever its status (handlers are idempotent: replaying a completed event changes nothing). Answers the event as it stands after.',
  })
  @ApiOkResponse({ type: WebhookEventDetailDto })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'WEBHOOKS.EVENT_NOT_FOUND' })
  @ApiConflictResponse({ type: ProblemResponse, description: 'WEBHOOKS.EVENT_BUSY: being processed right now' })
  replay(@Param('id') id: string): Promise<WebhookEventDetailDto> {
    return this.inspector.replay(id);
  }
}
