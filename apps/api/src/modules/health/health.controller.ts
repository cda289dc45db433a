import { Controller, Get, HttpCode, Res } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import type { HealthReport } from '@beaker/contracts';
import { Endpoint } from '../../common/http/endpoint';
import { Public } from '../auth';
import { HealthService } from './health.service';

@ApiTags('health')
@Public()
@Controller('health')
export class HealthController {
  constructor(private readonly health: HealthService) {}

  @Get('live')
  @HttpCode(200)
  @Endpoint({ summary: 'The process is up', response: { status: 200, schema: { type: 'object', properties: { status: { type: 'string', example: 'ok' } } } } })
  live(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('ready')
  @Endpoint({
    summary: 'Postgres and Redis answer; 503 names what is down',
    response: { status: 200, description: 'Ready' },
    otherResponses: [{ status: 503, description: 'A dependency is down; `checks` names it' }],
  })
  async ready(@Res({ passthrough: true }) reply: FastifyReply): Promise<HealthReport> {
    const report = await this.health.check();
    reply.status(report.status === 'ok' ? 200 : 503);
    return report;
  }
}
