import { Body, Controller, Delete, Get, Headers, HttpCode, Param, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiHeader, ApiParam, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { type AuditActor, Auditor } from '../../common/audit/audit.service';
import { InvalidCursor, NotFound, Unauthenticated, ValidationFailed } from '../../common/errors/common.errors';
import { Endpoint, EndpointErrors } from '../../common/http/endpoint';
import { IdempotencyKeyInvalid, IdempotencyKeyReused } from '../../common/idempotency/idempotency.errors';
import { IdempotencyService } from '../../common/idempotency/idempotency.service';
import type { Actor } from '../auth';
import { AccountSuspended, API_KEY_LIMITED, ApiCsrfHeader, ApiKeyAllowed, BusinessRoute, CsrfRejected, CurrentActor } from '../auth';
import { AlreadyOnDncList, ConsumerOptOutProtected, DncEntryNotFound, InvalidPhoneNumber } from './compliance.errors';
import { DoNotCallService } from './do-not-call.service';
import { DncAddRequestDto, DncEntryDto, DncEntryPageDto, DncListQueryDto, DncRemoveRequestDto } from './dto/dnc.dto';

/** A business's own do-not-call list (members and the business's API keys). Every change is audited. */
@ApiTags('do-not-call')
@ApiCookieAuth('session')
@ApiBearerAuth('apiKey')
@ApiParam({ name: 'id', format: 'uuid', description: 'The business' })
@EndpointErrors([Unauthenticated, CsrfRejected, AccountSuspended, { error: NotFound, note: 'no such business among yours' }, API_KEY_LIMITED])
@BusinessRoute('id')
@ApiKeyAllowed()
@Controller('v1/businesses/:id/dnc')
export class DncController {
  constructor(
    private readonly dnc: DoNotCallService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Get()
  @Endpoint({
    summary: "The business's do-not-call list, newest first (active entries unless status says otherwise)",
    response: { status: 200, type: DncEntryPageDto },
    errors: [ValidationFailed, InvalidCursor, InvalidPhoneNumber],
  })
  list(@Param('id') businessId: string, @Query() query: DncListQueryDto): Promise<DncEntryPageDto> {
    return this.dnc.list(businessId.toLowerCase(), query);
  }

  @Post()
  @HttpCode(201)
  @ApiCsrfHeader('session-or-key')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Any unique string up to 255 characters: a retry with the same key and body answers the same entry for 24 hours' })
  @Endpoint({
    summary: 'Put a number on the do-not-call list: no call of this business reaches it from the next check on',
    response: { status: 201, type: DncEntryDto },
    errors: [
      ValidationFailed,
      InvalidPhoneNumber,
      { error: AlreadyOnDncList, note: 'entryId names the active entry' },
      IdempotencyKeyInvalid,
      { error: IdempotencyKeyReused, note: 'the same key with a different body' },
    ],
  })
  async add(
    @Param('id') businessId: string,
    @Body() body: DncAddRequestDto,
    @CurrentActor() actor: Actor,
    @Auditor() auditor: AuditActor,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<DncEntryDto> {
    const scope = actor.kind === 'api_key' ? `api-key:${actor.apiKeyId}` : `user:${actor.user.id}`;
    const list = businessId.toLowerCase();
    const answer = await this.idempotency.run(scope, idempotencyKey, { method: 'POST', path: 'dnc', list, body }, 201, (tx) =>
      this.dnc.add({ list, phone: body.phone, reason: body.reason, source: actor.kind === 'api_key' ? 'api' : 'business', actor: auditor }, tx),
    );
    if (answer.replayed) void reply.header('idempotent-replayed', 'true');
    return answer.body;
  }

  @Delete(':entryId')
  @HttpCode(200)
  @ApiCsrfHeader('session-or-key')
  @ApiParam({ name: 'entryId', format: 'uuid' })
  @Endpoint({
    summary: 'Take a number off the list, with a reason (the entry stays in the history as removed)',
    description: "An opt-out the person made themselves (source in_call_opt_out or sms_stop) is theirs: only Beaker staff can remove it (403 COMPLIANCE.CONSUMER_OPT_OUT).",
    response: { status: 200, type: DncEntryDto },
    errors: [{ error: ValidationFailed, note: 'the reason is required' }, DncEntryNotFound, { error: ConsumerOptOutProtected, note: 'the person opted out themselves' }],
  })
  remove(@Param('id') businessId: string, @Param('entryId') entryId: string, @Body() body: DncRemoveRequestDto, @CurrentActor() actor: Actor, @Auditor() auditor: AuditActor): Promise<DncEntryDto> {
    return this.dnc.remove({ list: businessId.toLowerCase(), entryId, reason: body.reason, actor: auditor });
  }
}
