import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  COMPLIANCE_ACTOR_KINDS,
  DNC_SOURCES,
  DNC_STATUS_FILTERS,
  type ComplianceActorKind,
  type DncAddRequest,
  type DncEntry,
  type DncRemoveRequest,
  type DncSource,
  type DncStatusFilter,
  type Page,
} from '@beaker/contracts';
import { PageQueryDto } from '../../../common/http/pagination';
import { Trim } from '../../../common/http/dto-transforms';

export class DncAddRequestDto implements DncAddRequest {
  @ApiProperty({ example: '+14155550123', description: 'E.164 (spaces and punctuation are tolerated)' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  phone: string;

  @ApiProperty({ example: 'Asked us by email not to call again', maxLength: 500 })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class DncRemoveRequestDto implements DncRemoveRequest {
  @ApiProperty({ example: 'Added by mistake: wrong number', maxLength: 500, description: 'Required: kept with the entry and in the audit log' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class DncListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ example: '+14155550123', description: 'Only entries for this number' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  phone?: string;

  @ApiPropertyOptional({ enum: DNC_STATUS_FILTERS, default: 'active' })
  @IsOptional()
  @IsIn(DNC_STATUS_FILTERS)
  status?: DncStatusFilter;
}

export class ComplianceActorDto {
  @ApiProperty({ enum: COMPLIANCE_ACTOR_KINDS })
  kind: ComplianceActorKind;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: "The user's or API key's id; null for the system" })
  id: string | null;
}

export class DncEntryDto implements DncEntry {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: "null: Beaker's own list, honoured for every business" })
  businessId: string | null;

  @ApiProperty({ example: '+14155550123' })
  phone: string;

  @ApiProperty({ enum: DNC_SOURCES })
  source: DncSource;

  @ApiProperty({ example: 'Asked us by email not to call again' })
  reason: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The call in which the person opted out' })
  callId: string | null;

  @ApiProperty({ type: ComplianceActorDto })
  createdBy: ComplianceActorDto;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  removedAt: string | null;

  @ApiProperty({ type: ComplianceActorDto, nullable: true })
  removedBy: ComplianceActorDto | null;

  @ApiProperty({ type: String, nullable: true })
  removalReason: string | null;
}

export class DncEntryPageDto implements Page<DncEntry> {
  @ApiProperty({ type: [DncEntryDto] })
  items: DncEntryDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
