import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, MaxLength } from 'class-validator';
import { TRIAL_BLOCK_KINDS, type CreateTrialBlockRequest, type Page, type TrialBlock, type TrialBlockKind } from '@beaker/contracts';
import { Trim } from '../../../common/http/dto-transforms';
import { PageQueryDto } from '../../../common/http/pagination';

export class CreateTrialBlockDto implements CreateTrialBlockRequest {
  @ApiProperty({ enum: TRIAL_BLOCK_KINDS })
  @IsIn(TRIAL_BLOCK_KINDS)
  kind: TrialBlockKind;

  @ApiProperty({ example: '(773) 555-0100', maxLength: 253, description: 'A US/CA phone number in any usual format, or an email domain (example.com)' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(253)
  value: string;

  @ApiProperty({ example: 'Farming trials with many accounts', maxLength: 500 })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class LiftTrialBlockDto {
  @ApiProperty({ example: 'Verified business owner', maxLength: 500, description: 'Required: kept in the audit log' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class TrialBlocksQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: ['active', 'all'], default: 'active' })
  @IsOptional()
  @IsIn(['active', 'all'])
  status?: 'active' | 'all';
}

export class TrialBlockDto implements TrialBlock {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ enum: TRIAL_BLOCK_KINDS })
  kind: TrialBlockKind;

  @ApiProperty({ example: '+17735550100' })
  value: string;

  @ApiProperty()
  reason: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  createdBy: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  liftedAt: string | null;

  @ApiProperty({ type: String, nullable: true })
  liftReason: string | null;
}

export class TrialBlockPageDto implements Page<TrialBlock> {
  @ApiProperty({ type: [TrialBlockDto] })
  items: TrialBlockDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}
