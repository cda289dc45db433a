import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsOptional } from 'class-validator';
import {
  CALL_DIRECTIONS,
  CALL_STATUSES,
  INBOUND_ROUTES,
  type BusinessCallsQuery,
  type BusinessCallSummary,
  type CallDirection,
  type CallStatus,
  type InboundRoute,
  type Page,
} from '@beaker/contracts';
import { PageQueryDto } from '../../../common/http/pagination';

export class BusinessCallsQueryDto extends PageQueryDto implements BusinessCallsQuery {
  @ApiPropertyOptional({ enum: CALL_DIRECTIONS })
  @IsOptional()
  @IsIn(CALL_DIRECTIONS)
  direction?: CallDirection;

  @ApiPropertyOptional({ enum: CALL_STATUSES })
  @IsOptional()
  @IsIn(CALL_STATUSES)
  status?: CallStatus;

  @ApiPropertyOptional({ format: 'date-time', description: 'Calls created at or after this instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Calls created before this instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class BusinessCallSummaryDto implements BusinessCallSummary {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: CALL_DIRECTIONS })
  direction: CallDirection;

  @ApiProperty({ enum: CALL_STATUSES })
  status: CallStatus;

  @ApiProperty({ type: String, nullable: true, example: '+14155550123' })
  from: string | null;

  @ApiProperty({ example: '+14155550100' })
  to: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  startedAt: string | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  endedAt: string | null;

  @ApiProperty({ type: Number, nullable: true })
  durationSeconds: number | null;

  @ApiProperty({ type: String, nullable: true, example: 'customer-ended-call' })
  endedReason: string | null;

  @ApiProperty({ type: String, nullable: true })
  summary: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Jordan Lee' })
  callerName: string | null;

  @ApiProperty({ enum: INBOUND_ROUTES, nullable: true, description: 'Inbound calls: who answered (assistant, fallback message, refusal, or declined: the caller called too often)' })
  inboundRoute: InboundRoute | null;
}

export class BusinessCallPageDto implements Page<BusinessCallSummary> {
  @ApiProperty({ type: [BusinessCallSummaryDto] })
  items: BusinessCallSummaryDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
