import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsISO8601, IsNotEmpty, IsObject, IsOptional, IsString, IsUUID, Matches, MaxLength, ValidateNested } from 'class-validator';
import {
  CALL_PURPOSES,
  COMPLIANCE_DECISIONS,
  type CallPurpose,
  type ComplianceDecision,
  type ComplianceEvaluateRequest,
  type ComplianceEvaluation,
  type ComplianceReason,
} from '@beaker/contracts';
import { TypeOf } from '../../../common/http/dto-transforms';

export class AddressDto {
  @ApiPropertyOptional({ example: 'FL', description: 'Two-letter US state or Canadian province' })
  @IsOptional()
  @Matches(/^[A-Za-z]{2}$/, { message: 'state must be a two-letter code' })
  state?: string;

  @ApiPropertyOptional({ example: '33101', description: 'US ZIP (or ZIP+4) or Canadian postal code' })
  @IsOptional()
  @IsString()
  @MaxLength(10)
  zip?: string;
}

export class ComplianceEvaluateRequestDto implements ComplianceEvaluateRequest {
  @ApiProperty({ example: '+13055550123', description: 'E.164' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(32)
  to: string;

  @ApiProperty({ enum: CALL_PURPOSES })
  @IsIn(CALL_PURPOSES)
  purpose: CallPurpose;

  @ApiPropertyOptional({ format: 'date-time', description: 'The instant to evaluate; default now' })
  @IsOptional()
  @IsISO8601({ strict: true })
  at?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Required unless you are Beaker staff: one of your businesses' })
  @IsOptional()
  @IsUUID()
  businessId?: string;

  @ApiPropertyOptional({ type: AddressDto })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @TypeOf(() => AddressDto)
  address?: AddressDto;

  @ApiPropertyOptional({ example: 'lead-42', description: 'What the call is about, for the same-subject caps' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  subject?: string;
}

export class ComplianceReasonDto implements ComplianceReason {
  @ApiProperty({ example: 'FL.calling_hours' })
  rule: string;

  @ApiProperty({ example: 'outside 08:00–20:00 in America/New_York' })
  detail: string;

  @ApiProperty({ example: 'Fla. Stat. § 501.616(6)(a)' })
  source: string;
}

export class CalledPartyLocationDto {
  @ApiProperty({ description: 'false: the area code told us nothing, the strictest rules of the whole country apply' })
  known: boolean;

  @ApiProperty({ type: [String], example: ['FL'] })
  states: string[];

  @ApiProperty({ type: [String], example: ['America/New_York'] })
  timezones: string[];
}

export class ComplianceEvaluationDto implements ComplianceEvaluation {
  @ApiProperty({ enum: COMPLIANCE_DECISIONS })
  decision: ComplianceDecision;

  @ApiProperty({ type: [ComplianceReasonDto], description: 'Empty on allow' })
  reasons: ComplianceReasonDto[];

  @ApiProperty({ type: String, format: 'date-time', nullable: true, description: 'On defer: the earliest minute the call is allowed' })
  nextAllowedAt: string | null;

  @ApiProperty({ description: 'The agent announces the recording (all-party-consent states, unknown locations)' })
  recordingDisclosure: boolean;

  @ApiProperty({ example: '2026-11-27.1' })
  rulesVersion: string;

  @ApiProperty({ format: 'date-time' })
  evaluatedAt: string;

  @ApiProperty({ type: CalledPartyLocationDto })
  location: CalledPartyLocationDto;
}
