import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, Max, Min } from 'class-validator';
import { ABUSE_EVENT_KINDS, type AbuseEventKind, type AbuseEventView, type AbuseTopEntry, type AbuseTopReport } from '@beaker/contracts';
import { TypeOf } from '../../../common/http/dto-transforms';
import { PageQueryDto } from '../../../common/http/pagination';

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

export class AbuseTopQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 90, default: 7, description: 'The period: the last this many days' })
  @IsOptional()
  @TypeOf(() => Number)
  @IsInt()
  @Min(1)
  @Max(90)
  days?: number;
}

export class AbuseTopEntryDto implements AbuseTopEntry {
  @ApiProperty({ example: '+14155550123' })
  value: string;

  @ApiProperty({ example: 4 })
  events: number;

  @ApiProperty({ example: 2, description: 'Distinct people refused' })
  users: number;

  @ApiProperty({ format: 'date-time' })
  lastAt: string;
}

export class AbuseTopReportDto implements AbuseTopReport {
  @ApiProperty({ format: 'date-time' })
  since: string;

  @ApiProperty({ type: [AbuseTopEntryDto], description: 'At most 10, most refusals first' })
  phones: AbuseTopEntryDto[];

  @ApiProperty({ type: [AbuseTopEntryDto] })
  ips: AbuseTopEntryDto[];

  @ApiProperty({ type: [AbuseTopEntryDto] })
  emailDomains: AbuseTopEntryDto[];
}
