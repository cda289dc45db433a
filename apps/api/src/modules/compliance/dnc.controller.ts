import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiParam,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { auditActorOf } from '../../common/audit/audit.service';
import { ProblemResponse } from '../../common/http/openapi';
import type { Actor } from '../auth';
import { ApiCsrfHeader, ApiKeyAllowed, BusinessRoute, CurrentActor } from '../auth';
import { DoNotCallService } from './do-not-call.service';
import { DncAddRequestDto, DncEntryDto, DncEntryPageDto, DncListQueryDto, DncRemoveRequestDto } from './dto/dnc.dto';

/** A business's own do-not-call list (members and the business's API keys). Every change is audited. */
@ApiTags('do-not-call')
@ApiCookieAuth('session')
@ApiBearerAuth('apiKey')
@ApiParam({ name: 'id', format: 'uuid', description: 'The business' })
@ApiUnauthorizedResponse({ type: ProblemResponse, description: 'AUTH.UNAUTHENTICATED' })
@ApiForbiddenResponse({ type: ProblemResponse, description: 'AUTH.CSRF, AUTH.SUSPENDED' })
@ApiNotFoundResponse({ type: ProblemResponse, description: 'NOT_FOUND: no such business among yours; COMPLIANCE.DNC_ENTRY_NOT_FOUND' })
@BusinessRoute('id')
@ApiKeyAllowed()
@Controller('v1/businesses/:id/dnc')
export class DncController {
  constructor(private readonly dnc: DoNotCallService) {}

  @Get()
  @ApiOperation({ summary: "The business's do-not-call list, newest first (active entries unless status says otherwise)" })
  @ApiOkResponse({ type: DncEntryPageDto })
  @ApiBadRequestResponse({ type: ProblemResponse, description: 'VALIDATION.FAILED, PAGINATION.INVALID_CURSOR, COMPLIANCE.INVALID_PHONE' })
  list(@Param('id') businessId: string, @Query() query: DncListQueryDto): Promise<DncEntryPageDto> {
    return this.dnc.list(businessId.toLowerCase(), query);
  }

  @Post()
  @HttpCode(201)
  @ApiCsrfHeader('session-or-key')
  @ApiOperation({ summary: 'Put a number on the do-not-call list: no call of this business reaches it from the next check on' })
  @ApiCreatedResponse({ type: DncEntryDto })
  @ApiBadRequestResponse({ type: ProblemResponse, description: 'VALIDATION.FAILED, COMPLIANCE.INVALID_PHONE' })
  @ApiConflictResponse({ type: ProblemResponse, description: 'COMPLIANCE.ALREADY_ON_DNC_LIST (entryId names the active entry)' })
  add(@Param('id') businessId: string, @Body() body: DncAddRequestDto, @CurrentActor() actor: Actor): Promise<DncEntryDto> {
    return this.dnc.add({
      list: businessId.toLowerCase(),
      phone: body.phone,
      reason: body.reason,
      source: actor.kind === 'api_key' ? 'api' : 'business',
      actor: auditActorOf(actor),
    });
  }

  @Delete(':entryId')
  @HttpCode(200)
  @ApiCsrfHeader('session-or-key')
  @ApiParam({ name: 'entryId', format: 'uuid' })
  @ApiOperation({ summary: 'Take a number off the list, with a reason (the entry stays in the history as removed)' })
  @ApiOkResponse({ type: DncEntryDto })
  @ApiBadRequestResponse({ type: ProblemResponse, description: 'VALIDATION.FAILED (the reason is required)' })
  remove(@Param('id') businessId: string, @Param('entryId') entryId: string, @Body() body: DncRemoveRequestDto, @CurrentActor() actor: Actor): Promise<DncEntryDto> {
    return this.dnc.remove({ list: businessId.toLowerCase(), entryId, reason: body.reason, actor: auditActorOf(actor) });
  }
}
