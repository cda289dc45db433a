import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ProblemResponse } from '../../common/http/openapi';
import { AdminOnly } from '../auth';
import { AbuseLog } from './abuse-log.service';
import { AbuseEventPageDto, AbuseEventsQueryDto } from './dto/abuse-event.dto';

/** Staff: trial actions refused or stopped for abuse prevention, newest first (the admin abuse view reads it). */
@ApiTags('admin')
@ApiCookieAuth('session')
@AdminOnly()
@Controller('v1/admin/abuse-events')
export class AbuseEventsController {
  constructor(private readonly abuse: AbuseLog) {}

  @Get()
  @ApiOperation({ summary: 'Abuse events: refused trials, locked verifications, capped texts' })
  @ApiOkResponse({ type: AbuseEventPageDto })
  @ApiBadRequestResponse({ type: ProblemResponse, description: 'VALIDATION.FAILED, PAGINATION.INVALID_CURSOR' })
  @ApiUnauthorizedResponse({ type: ProblemResponse, description: 'AUTH.UNAUTHENTICATED' })
  @ApiForbiddenResponse({ type: ProblemResponse, description: 'AUTH.FORBIDDEN: staff only' })
  list(@Query() query: AbuseEventsQueryDto): Promise<AbuseEventPageDto> {
    return this.abuse.list(query.kind, query);
  }
}
