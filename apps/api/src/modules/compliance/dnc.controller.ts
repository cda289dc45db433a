import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { type AuditActor, Auditor } from '../../common/audit/audit.service';
import { InvalidCursor, NotFound, Unauthenticated, ValidationFailed } from '../../common/errors/common.errors';
import { Endpoint, EndpointErrors } from '../../common/http/endpoint';
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
  constructor(private readonly dnc: DoNotCallService) {}

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
  @Endpoint({
    summary: 'Put a number on the do-not-call list: no call of this business reaches it from the next check on',
    response: { status: 201, type: DncEntryDto },
    errors: [ValidationFailed, InvalidPhoneNumber, { error: AlreadyOnDncList, note: 'entryId names the active entry' }],
  })
  add(@Param('id') businessId: string, @Body() body: DncAddRequestDto, @CurrentActor() actor: Actor, @Auditor() auditor: AuditActor): Promise<DncEntryDto> {
    return this.dnc.add({
      list: businessId.toLowerCase(),
      phone: body.phone,
      reason: body.reason,
      source: actor.kind === 'api_key' ? 'api' : 'business',
      actor: auditor,
    });
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
