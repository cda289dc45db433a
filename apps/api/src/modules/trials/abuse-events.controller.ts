import { Controller, Get, Query } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
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
import { DataSource } from 'typeorm';
import { ABUSE_EVENT_KINDS, type AbuseEventKind, type AbuseEventView } from '@beaker/contracts';
import { ProblemResponse } from '../../common/http/openapi';
import { PageQueryDto, paginate } from '../../common/http/pagination';
import { AdminOnly } from '../auth/access/decorators';
import { AbuseEvent } from './entities/abuse-event.entity';

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
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  @Get()
  @ApiOperation({ summary: 'Abuse events: refused trials, locked verifications, capped texts' })
  @ApiOkResponse({ type: AbuseEventPageDto })
  @ApiBadRequestResponse({ type: ProblemResponse, description: 'VALIDATION.FAILED, PAGINATION.INVALID_CURSOR' })
  @ApiUnauthorizedResponse({ type: ProblemResponse, description: 'AUTH.UNAUTHENTICATED' })
  @ApiForbiddenResponse({ type: ProblemResponse, description: 'AUTH.FORBIDDEN: staff only' })
  async list(@Query() query: AbuseEventsQueryDto): Promise<AbuseEventPageDto> {
    const qb = this.db.getRepository(AbuseEvent).createQueryBuilder('event');
    if (query.kind) qb.where('event.kind = :kind', { kind: query.kind });
    const page = await paginate(qb, query, 'at');
    return {
      items: page.items.map((e) => ({ id: e.id, kind: e.kind, userId: e.userId, ip: e.ip, phone: e.phoneE164, details: e.details, at: e.at.toISOString() })),
      nextCursor: page.nextCursor,
    };
  }
}
