import { Controller, Get, Param, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiExtraModels, ApiProduces, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { NotFound, Unauthenticated } from '../../common/errors/common.errors';
import { Endpoint, EndpointErrors } from '../../common/http/endpoint';
import { AccessRecheck, type Actor, API_KEY_LIMITED, ApiKeyAllowed, CurrentActor, TrialSessionAllowed } from '../auth';
import { CallEventStreams } from './call-event-streams.service';
import { CallReports } from './call-reports.service';
import { CallStreamsFull, TooManyCallStreams } from './calls.errors';
import { CallReportDto, CallStatusEventDto } from './dto/call-report.dto';

@ApiTags('calls')
@ApiCookieAuth('session')
@ApiBearerAuth('apiKey')
@ApiKeyAllowed()
@EndpointErrors([Unauthenticated, { error: NotFound, note: 'no such call, or not yours' }, API_KEY_LIMITED])
@Controller('v1/calls')
export class CallsController {
  constructor(
    private readonly reports: CallReports,
    private readonly streams: CallEventStreams,
    private readonly access: AccessRecheck,
  ) {}

  @Get(':id')
  @TrialSessionAllowed()
  @Endpoint({
    summary: "A call's report",
    description:
      'Status, timing, transcript, recording, summary, the extracted lead and costs. Visible to the trial\'s owner, the business\'s members and API keys, and staff.',
    response: { status: 200, type: CallReportDto },
  })
  async report(@CurrentActor() actor: Actor, @Param('id') id: string): Promise<CallReportDto> {
    const staff = actor.kind === 'user' && actor.user.role === 'admin' && !actor.trialId;
    return this.reports.toReport(await this.reports.findForActor(actor, id), { staff });
  }

  @Get(':id/events')
  @TrialSessionAllowed()
  @ApiExtraModels(CallStatusEventDto)
  @ApiProduces('text/event-stream')
  @Endpoint({
    summary: "A call's status changes, live (Server-Sent Events)",
    description:
      'Each message is `event: status` with a CallStatusEvent as `data`. The first is the current state; one follows each change; ' +
      'the stream ends after `completed` or `failed`, or when the session is signed out, revoked or suspended (checked at each keep-alive comment). ' +
      'Open streams are capped per user or API key (429 CALLS.TOO_MANY_STREAMS) and per server (503 CALLS.STREAMS_FULL). Clients that cannot stream poll GET /v1/calls/:id.',
    errors: [TooManyCallStreams, CallStreamsFull],
    response: { status: 200, description: 'text/event-stream of CallStatusEvent', schema: { $ref: getSchemaPath(CallStatusEventDto) } },
  })
  async events(@CurrentActor() actor: Actor, @Param('id') id: string, @Req() request: FastifyRequest, @Res() reply: FastifyReply): Promise<void> {
    // Refusals are ordinary problem+json answers; only a visible call turns into a stream.
    const call = await this.reports.findForActor(actor, id);
    const slot = this.streams.reserve(actor.kind === 'api_key' ? `key:${actor.apiKeyId}` : `user:${actor.user.id}`);
    try {
      reply.hijack();
      await this.streams.stream(call.id, request.raw, reply.raw, { 'x-request-id': String(request.id) }, { slot, stillAllowed: this.access.for(actor, request) });
    } catch (err) {
      slot.release();
      throw err;
    }
  }
}
