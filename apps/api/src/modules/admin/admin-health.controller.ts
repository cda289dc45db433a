import { Controller, Get } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { Forbidden, Unauthenticated } from '../../common/errors/common.errors';
import { Endpoint, EndpointErrors } from '../../common/http/endpoint';
import { JobsService } from '../../common/queue/jobs.service';
import { AdminOnly } from '../auth';
import { WebhookInspector } from '../webhooks';
import { QueueHealthPageDto, WebhookHealthDto } from './dto/admin-health.dto';

/** Staff's health page beyond the breakers: the job queues' counts and the provider webhooks' backlog and failures. */
@ApiTags('admin')
@ApiCookieAuth('session')
@AdminOnly()
@EndpointErrors([Unauthenticated, { error: Forbidden, note: 'not staff' }])
@Controller('v1/admin/health')
export class AdminHealthController {
  constructor(
    private readonly webhooks: WebhookInspector,
    private readonly jobs: JobsService,
  ) {}

  @Get('webhooks')
  @Endpoint({
    summary: 'Provider webhooks: per provider pending, processing, failed, done in the last 24 h; the oldest wait; the latest failures (staff only)',
    response: { status: 200, type: WebhookHealthDto },
  })
  webhookHealth(): Promise<WebhookHealthDto> {
    return this.webhooks.health();
  }

  @Get('queues')
  @Endpoint({
    summary: 'Every job queue: waiting, active, delayed, failed and kept completed jobs, paused or not (staff only)',
    response: { status: 200, type: QueueHealthPageDto },
  })
  async queues(): Promise<QueueHealthPageDto> {
    return { items: await this.jobs.countsByQueue(), nextCursor: null };
  }
}
