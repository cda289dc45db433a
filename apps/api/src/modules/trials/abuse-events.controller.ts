import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiCookieAuth,
  ApiForbiddenResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiPropertyOptional,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ABUSE_EVENT_KINDS, type AbuseEventKind, type AbuseEventView } from '@beaker/contracts';
import { ProblemResponse } from '../../common/http/openapi';
import { PageQueryDto } from '../../common/http/pagination';
import { AdminOnly } from '../auth';
import { AbuseLog } from './abuse-log.service';

export class AbuseEventsQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ABUSE_EVENT_KINDS })
  @IsOptional()
  @IsIn(ABUSE_EVENT_KINDS)
  kind?: AbuseEventKind;
}

export class AbuseEventDto implements AbuseEventView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: ABUSE_EVENT_KINDS })
  kind: AbuseEventKind;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  userId: string | null;

  @ApiProperty({ type: String, nullable: true, example: '203.0.113.7' })
  ip: string | null;

  @ApiProperty({ type: String, nullable: true, example: '+14155550123' })
  phone: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, example: { trials: 2 } })
  details: Record<string, unknown>;

  @ApiProperty({ format: 'date-time' })
  at: string;
}

export class AbuseEventPageDto {
  @ApiProperty({ type: [AbuseEventDto] })
  items: AbuseEventDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

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
