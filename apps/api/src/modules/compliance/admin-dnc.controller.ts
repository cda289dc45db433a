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
import { AlreadyOnDncList, DncEntryNotFound, InvalidPhoneNumber } from './compliance.errors';
import { DoNotCallService } from './do-not-call.service';
import { DncAddRequestDto, DncEntryDto, DncEntryPageDto, DncListQueryDto, DncRemoveRequestDto } from './dto/dnc.dto';

/** Beaker's own do-not-call list, honoured for every business and every trial. Staff only; audited. */
@ApiTags('admin')
@ApiCookieAuth('session')
@EndpointErrors([Unauthenticated, { error: Forbidden, note: 'not staff' }, CsrfRejected])
@AdminOnly()
@Controller('v1/admin/dnc')
export class AdminDncController {
  constructor(
    private readonly dnc: DoNotCallService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Get()
  @Endpoint({
    summary: "Beaker's do-not-call list, newest first",
    response: { status: 200, type: DncEntryPageDto },
    errors: [ValidationFailed, InvalidCursor, InvalidPhoneNumber],
  })
  list(@Query() query: DncListQueryDto): Promise<DncEntryPageDto> {
    return this.dnc.list(null, query);
  }

  @Post()
  @HttpCode(201)
  @ApiCsrfHeader()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Any unique string up to 255 characters: a retry with the same key and body answers the same entry for 24 hours' })
  @Endpoint({
    summary: "Put a number on Beaker's list: no business and no trial calls it from the next check on",
    response: { status: 201, type: DncEntryDto },
    errors: [ValidationFailed, InvalidPhoneNumber, AlreadyOnDncList, IdempotencyKeyInvalid, { error: IdempotencyKeyReused, note: 'the same key with a different body' }],
  })
  async add(
    @Body() body: DncAddRequestDto,
    @Auditor() auditor: AuditActor,
    @CurrentUser() user: User,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DncEntryDto> {
    const answer = await this.idempotency.run(`user:${user.id}`, idempotencyKey, { method: 'POST', path: 'admin/dnc', body }, 201, (tx) =>
      this.dnc.add({ list: null, phone: body.phone, reason: body.reason, source: 'admin', actor: auditor }, tx),
    );
    if (answer.replayed) void reply.header('idempotent-replayed', 'true');
    return answer.body;
  }

  @Delete(':entryId')
  @HttpCode(200)
  @ApiCsrfHeader()
  @ApiParam({ name: 'entryId', format: 'uuid' })
  @Endpoint({
    summary: "Take a number off a do-not-call list, Beaker's or a business's, with a reason",
    description: "The entry may be on any list: this is how an opt-out a person made themselves (in_call_opt_out, sms_stop) comes off a business's list, which its members and API keys cannot do.",
    response: { status: 200, type: DncEntryDto },
    errors: [{ error: ValidationFailed, note: 'the reason is required' }, DncEntryNotFound],
  })
  remove(@Param('entryId') entryId: string, @Body() body: DncRemoveRequestDto, @Auditor() auditor: AuditActor): Promise<DncEntryDto> {
    return this.dnc.remove({ list: null, anyList: true, entryId, reason: body.reason, actor: auditor });
  }
}
