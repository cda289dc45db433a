import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { AUDIT_ACTOR_KINDS, type AuditActorKind, type AuditEvent, type Page } from '@beaker/contracts';
import { PageQueryDto } from '../../../common/http/pagination';

export class AuditEventQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: 'user.suspend', description: 'One action (`<area>.<verb>`)' })
  @IsOptional()
  @IsString()
  @Matches(/^[a-z][a-z0-9_-]*(\.[a-z0-9_-]+)+$/)
  @MaxLength(100)
  action?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Who did it (a user or an API key)' })
  @IsOptional()
  @IsUUID()
  actorId?: string;

  @ApiPropertyOptional({ example: 'user', description: 'What kind of thing it was done to' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  targetType?: string;

  @ApiPropertyOptional({ description: 'The id of the thing it was done to' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  targetId?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  businessId?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'At or after this instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'Before this instant' })
  @IsOptional()
  @IsISO8601({ strict: true })
  to?: string;
}

export class AuditEventDto implements AuditEvent {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: AUDIT_ACTOR_KINDS })
  actorKind: AuditActorKind;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  actorId: string | null;

  @ApiProperty({ example: 'user.suspend' })
  action: string;

  @ApiProperty({ example: 'user' })
  targetType: string;

  @ApiProperty({ type: String, nullable: true })
  targetId: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  businessId: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'Trial farming' })
  reason: string | null;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, example: { suspendedAt: null } })
  before: Record<string, unknown> | null;

  @ApiProperty({ type: 'object', additionalProperties: true, nullable: true, example: { suspendedAt: '2026-12-06T10:00:00.000Z' } })
  after: Record<string, unknown> | null;

  @ApiProperty({ type: 'object', additionalProperties: true, example: { sessionsRevoked: 2 } })
  details: Record<string, unknown>;

  @ApiProperty({ type: String, nullable: true, description: 'The X-Request-Id of the request that did it' })
  requestId: string | null;

  @ApiProperty({ format: 'date-time' })
  at: string;
}

export class AuditEventPageDto implements Page<AuditEvent> {
  @ApiProperty({ type: [AuditEventDto] })
  items: AuditEventDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
