import { Body, Controller, Delete, Get, HttpCode, Param, Post, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
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
import { AdminOnly, ApiCsrfHeader, CurrentActor } from '../auth';
import { DoNotCallService } from './do-not-call.service';
import { DncAddRequestDto, DncEntryDto, DncEntryPageDto, DncListQueryDto, DncRemoveRequestDto } from './dto/dnc.dto';

/** Beaker's own do-not-call list, honoured for every business and every trial. Staff only; audited. */
@ApiTags('admin')
@ApiCookieAuth('session')
@ApiUnauthorizedResponse({ type: ProblemResponse, description: 'AUTH.UNAUTHENTICATED' })
@ApiForbiddenResponse({ type: ProblemResponse, description: 'AUTH.FORBIDDEN (not staff), AUTH.CSRF' })
@AdminOnly()
@Controller('v1/admin/dnc')
export class AdminDncController {
  constructor(private readonly dnc: DoNotCallService) {}

  @Get()
  @ApiOperation({ summary: "Beaker's do-not-call list, newest first" })
  @ApiOkResponse({ type: DncEntryPageDto })
  @ApiBadRequestResponse({ type: ProblemResponse, description: 'VALIDATION.FAILED, PAGINATION.INVALID_CURSOR, COMPLIANCE.INVALID_PHONE' })
  list(@Query() query: DncListQueryDto): Promise<DncEntryPageDto> {
    return this.dnc.list(null, query);
  }

  @Post()
  @HttpCode(201)
  @ApiCsrfHeader()
  @ApiOperation({ summary: "Put a number on Beaker's list: no business and no trial calls it from the next check on" })
  @ApiCreatedResponse({ type: DncEntryDto })
  @ApiBadRequestResponse({ type: ProblemResponse, description: 'VALIDATION.FAILED, COMPLIANCE.INVALID_PHONE' })
  @ApiConflictResponse({ type: ProblemResponse, description: 'COMPLIANCE.ALREADY_ON_DNC_LIST' })
  add(@Body() body: DncAddRequestDto, @CurrentActor() actor: Actor): Promise<DncEntryDto> {
    return this.dnc.add({ list: null, phone: body.phone, reason: body.reason, source: 'admin', actor: auditActorOf(actor) });
  }

  @Delete(':entryId')
  @HttpCode(200)
  @ApiCsrfHeader()
  @ApiParam({ name: 'entryId', format: 'uuid' })
  @ApiOperation({ summary: "Take a number off Beaker's list, with a reason" })
  @ApiOkResponse({ type: DncEntryDto })
  @ApiBadRequestResponse({ type: ProblemResponse, description: 'VALIDATION.FAILED (the reason is required)' })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'COMPLIANCE.DNC_ENTRY_NOT_FOUND' })
  remove(@Param('entryId') entryId: string, @Body() body: DncRemoveRequestDto, @CurrentActor() actor: Actor): Promise<DncEntryDto> {
    return this.dnc.remove({ list: null, entryId, reason: body.reason, actor: auditActorOf(actor) });
  }
}
