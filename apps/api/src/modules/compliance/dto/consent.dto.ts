import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import {
  CALL_PURPOSES,
  CONSENT_GRANT_METHODS,
  CONSENT_KINDS,
  CONSENT_REVOCATION_METHODS,
  type CallPurpose,
  type ConsentKind,
  type ConsentListQuery,
  type ConsentMethod,
  type ConsentRecord,
  type Page,
} from '@beaker/contracts';
import { PageQueryDto } from '../../../common/http/pagination';

export class ConsentListQueryDto extends PageQueryDto implements ConsentListQuery {
  @ApiPropertyOptional({ example: '+14155550123', description: 'Only the evidence for this number' })
  @IsOptional()
  @IsString()
  @MaxLength(32)
  phone?: string;

  @ApiPropertyOptional({ enum: ['json', 'csv'], default: 'json', description: 'csv: the same page as text/csv, next cursor in the X-Next-Cursor header' })
  @IsOptional()
  @IsIn(['json', 'csv'])
  format?: 'json' | 'csv';
}

export class ConsentRecordDto implements ConsentRecord {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: '+14155550123' })
  phone: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  businessId: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  trialId: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  leadId: string | null;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The call of an in-call revocation' })
  callId: string | null;

  @ApiProperty({ enum: CONSENT_KINDS })
  kind: ConsentKind;

  @ApiProperty({ enum: [...CONSENT_GRANT_METHODS, ...CONSENT_REVOCATION_METHODS] })
  method: ConsentMethod;

  @ApiProperty({ enum: CALL_PURPOSES, nullable: true, description: 'null on revocations: they withdraw every purpose' })
  purpose: CallPurpose | null;

  @ApiProperty({ type: String, nullable: true, description: 'Exactly what the person saw (grants), or what they said (revocations)' })
  consentText: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'SHA-256 (hex) of consentText, checked by the database' })
  consentTextHash: string | null;

  @ApiProperty({ type: String, nullable: true })
  consentVersion: string | null;

  @ApiProperty({ format: 'date-time' })
  capturedAt: string;

  @ApiProperty({ type: String, nullable: true })
  ip: string | null;

  @ApiProperty({ type: String, nullable: true })
  userAgent: string | null;

  @ApiProperty({ type: String, nullable: true })
  pageUrl: string | null;

  @ApiProperty({ type: String, nullable: true })
  formId: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;
}

export class ConsentRecordPageDto implements Page<ConsentRecord> {
  @ApiProperty({ type: [ConsentRecordDto] })
  items: ConsentRecordDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
