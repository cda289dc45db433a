import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { ABUSE_EVENT_KINDS, type AbuseEventKind, type AbuseEventView } from '@beaker/contracts';
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
