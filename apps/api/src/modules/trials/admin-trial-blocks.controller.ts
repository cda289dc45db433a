import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiHeader, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AuditActor, Auditor } from '../../common/audit/audit.service';
import { Forbidden, InvalidCursor, Unauthenticated, ValidationFailed } from '../../common/errors/common.errors';
import { Endpoint, EndpointErrors } from '../../common/http/endpoint';
import { IdempotencyKeyInvalid, IdempotencyKeyReused } from '../../common/idempotency/idempotency.errors';
import { IdempotencyService } from '../../common/idempotency/idempotency.service';
import type { User } from '../auth';
import { AdminOnly, ApiCsrfHeader, CsrfRejected, CurrentUser } from '../auth';
import { CreateTrialBlockDto, LiftTrialBlockDto, TrialBlockDto, TrialBlockPageDto, TrialBlocksQueryDto } from './dto/trial-block.dto';
import { TrialBlocksService } from './trial-blocks.service';
import { InvalidTrialBlock, TrialBlockExists, TrialBlockNotFound } from './trials.errors';

/** Staff: phone numbers and email domains barred from trials. Every change audited. */
@ApiTags('admin')
@ApiCookieAuth('session')
@AdminOnly()
@EndpointErrors([Unauthenticated, { error: Forbidden, note: 'staff only' }])
@Controller('v1/admin/trial-blocks')
export class AdminTrialBlocksController {
  constructor(
    private readonly blocks: TrialBlocksService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Get()
  @Endpoint({ summary: 'Phone numbers and email domains barred from trials, newest first', response: { status: 200, type: TrialBlockPageDto }, errors: [ValidationFailed, InvalidCursor] })
  list(@Query() query: TrialBlocksQueryDto): Promise<TrialBlockPageDto> {
    return this.blocks.list(query.status === 'all', query);
  }

  @Post()
  @HttpCode(201)
  @ApiCsrfHeader()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Any unique string up to 255 characters: a retry with the same key and body answers the same block for 24 hours' })
  @Endpoint({
    summary: 'Bar a phone number or an email domain from starting trials (audited as trial_block.add)',
    response: { status: 201, type: TrialBlockDto },
    errors: [CsrfRejected, ValidationFailed, InvalidTrialBlock, TrialBlockExists, IdempotencyKeyInvalid, { error: IdempotencyKeyReused, note: 'the same key with a different body' }],
  })
  async add(
    @Body() body: CreateTrialBlockDto,
    @Auditor() auditor: AuditActor,
    @CurrentUser() user: User,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<TrialBlockDto> {
    const answer = await this.idempotency.run(`user:${user.id}`, idempotencyKey, { method: 'POST', path: 'admin/trial-blocks', body }, 201, (tx) => this.blocks.add(body, auditor, tx));
    if (answer.replayed) void reply.header('idempotent-replayed', 'true');
    return answer.body;
  }

  @Delete(':blockId')
  @HttpCode(200)
  @ApiCsrfHeader()
  @ApiParam({ name: 'blockId', format: 'uuid' })
  @Endpoint({
    summary: 'Lift a block, with a reason (audited as trial_block.lift)',
    response: { status: 200, type: TrialBlockDto },
    errors: [CsrfRejected, ValidationFailed, TrialBlockNotFound],
  })
  lift(@Param('blockId') blockId: string, @Body() body: LiftTrialBlockDto, @Auditor() auditor: AuditActor): Promise<TrialBlockDto> {
    return this.blocks.lift(blockId, body.reason, auditor);
  }
}
