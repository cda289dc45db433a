import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsISO8601, IsNotEmpty, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { PLANS, type Plan, type PlanOverride, type PlanOverrideState, type RemovePlanOverrideRequest, type SetPlanOverrideRequest } from '@beaker/contracts';
import { Trim } from '../../../common/http/dto-transforms';

export class PlanOverrideDto implements PlanOverride {
  @ApiProperty({ example: 1000, description: 'Calls included per period while it is in force' })
  callsIncluded: number;

  @ApiProperty({ format: 'date-time' })
  until: string;

  @ApiProperty({ example: 'Launch week: extra calls agreed with support' })
  reason: string;

  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'The staff member who set it' })
  setBy: string | null;

  @ApiProperty({ format: 'date-time' })
  setAt: string;
}

export class SetPlanOverrideDto implements SetPlanOverrideRequest {
  @ApiProperty({ minimum: 0, maximum: 100000, example: 1000, description: 'Calls included per period (0 stops every call)' })
  @IsInt()
  @Min(0)
  @Max(100000)
  callsIncluded: number;

  @ApiProperty({ maxLength: 500, example: 'Launch week: extra calls agreed with support', description: 'Required; kept in the audit log' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;

  @ApiPropertyOptional({ format: 'date-time', description: 'When it ends (in the future); default: the end of the current billing period' })
  @IsOptional()
  @IsISO8601({ strict: true })
  until?: string;
}

export class RemovePlanOverrideDto implements RemovePlanOverrideRequest {
  @ApiProperty({ maxLength: 500, example: 'Launch week is over', description: 'Required; kept in the audit log' })
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  reason: string;
}

export class PlanOverrideStateDto implements PlanOverrideState {
  @ApiProperty({ format: 'uuid' })
  businessId: string;

  @ApiProperty({ enum: PLANS })
  plan: Plan;

  @ApiProperty({ description: "The plan's included calls per period" })
  planCallsIncluded: number;

  @ApiProperty({ description: "What the business may take this period now: the override's while it is in force, else the plan's" })
  callsIncluded: number;

  @ApiProperty()
  callsUsedThisPeriod: number;

  @ApiProperty({ type: PlanOverrideDto, nullable: true })
  override: PlanOverrideDto | null;
}
