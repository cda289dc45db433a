import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateIf } from 'class-validator';
import {
  ASSISTANT_LIMITS,
  INDUSTRIES,
  MEMBER_ROLES,
  PROVISIONING_STATUSES,
  PROVISIONING_STEPS,
  SCENARIOS,
  type AssistantSettings,
  type AssistantSettingsUpdate,
  type BusinessMemberView,
  type BusinessOverview,
  type CallsPausedReason,
  type Industry,
  type MemberInviteRequest,
  type MemberRole,
  type Page,
  type ProvisioningStatus,
  type ProvisioningStep,
  type ProvisioningStepView,
  type ProvisioningView,
  type Scenario,
} from '@beaker/contracts';
import { BusinessResponseDto } from './business.dto';
import { Trim } from '../../../common/http/dto-transforms';

export class ProvisioningStepDto implements ProvisioningStepView {
  @ApiProperty({ enum: PROVISIONING_STEPS })
  step: ProvisioningStep;

  @ApiProperty()
  done: boolean;
}

export class ProvisioningDto implements ProvisioningView {
  @ApiProperty({ enum: PROVISIONING_STATUSES })
  status: ProvisioningStatus;

  @ApiProperty({ enum: PROVISIONING_STEPS, nullable: true })
  currentStep: ProvisioningStep | null;

  @ApiProperty({ type: [ProvisioningStepDto] })
  steps: ProvisioningStepDto[];

  @ApiProperty({ type: String, nullable: true })
  error: string | null;
}

export class AssistantSettingsDto implements AssistantSettings {
  @ApiProperty({ example: 'Cool Air HVAC' })
  businessName: string;

  @ApiProperty({ example: 'Thanks for calling Cool Air HVAC! This is Max, the virtual assistant — I\'m an AI. How can I help you today?' })
  greeting: string;

  @ApiProperty({ type: String, nullable: true, example: 'Mon–Fri 8 am–6 pm, Sat 9 am–1 pm' })
  hours: string | null;
}

export class AssistantSettingsUpdateDto implements AssistantSettingsUpdate {
  @ApiPropertyOptional({ maxLength: ASSISTANT_LIMITS.businessName })
  // Absent keeps the name; null is no name (refused), not "absent" as @IsOptional would take it.
  @ValidateIf((_, v) => v !== undefined)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(ASSISTANT_LIMITS.businessName)
  businessName?: string;

  @ApiPropertyOptional({ maxLength: ASSISTANT_LIMITS.greeting, description: 'The first sentence callers hear' })
  @ValidateIf((_, v) => v !== undefined)
  @Trim()
  @IsString()
  @IsNotEmpty()
  @MaxLength(ASSISTANT_LIMITS.greeting)
  greeting?: string;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: ASSISTANT_LIMITS.hours, description: 'null or "" clears them' })
  @IsOptional()
  @Trim()
  @ValidateIf((_, v) => v !== null)
  @IsString()
  @MaxLength(ASSISTANT_LIMITS.hours)
  hours?: string | null;
}

export class BusinessOverviewDto extends BusinessResponseDto implements BusinessOverview {
  @ApiProperty({ enum: INDUSTRIES, nullable: true })
  industry: Industry | null;

  @ApiProperty({ enum: SCENARIOS, nullable: true })
  scenario: Scenario | null;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  pastDueSince: string | null;

  @ApiProperty({ description: 'The subscription ends at currentPeriodEnd (cancelled, active until then); owners may resume it' })
  cancelAtPeriodEnd: boolean;

  @ApiProperty({ type: ProvisioningDto })
  provisioning: ProvisioningDto;

  @ApiProperty({ type: AssistantSettingsDto })
  assistant: AssistantSettingsDto;

  @ApiProperty({ enum: ['over_limit', 'past_due', 'canceled', 'provisioning'], nullable: true, description: 'null: callers reach the assistant' })
  callsPausedReason: CallsPausedReason | null;

  @ApiProperty({ enum: MEMBER_ROLES, nullable: true })
  yourRole: MemberRole | null;
}

export class BusinessMemberDto implements BusinessMemberView {
  @ApiProperty({ format: 'uuid' })
  userId: string;

  @ApiProperty({ example: 'dana@coolair.example' })
  email: string;

  @ApiProperty({ enum: MEMBER_ROLES })
  role: MemberRole;

  @ApiProperty({ format: 'date-time' })
  joinedAt: string;
}

export class BusinessMemberPageDto implements Page<BusinessMemberView> {
  @ApiProperty({ type: [BusinessMemberDto] })
  items: BusinessMemberDto[];

  @ApiProperty({ type: String, nullable: true })
  nextCursor: string | null;
}

export class MemberInviteRequestDto implements MemberInviteRequest {
  @ApiProperty({ example: 'dana@coolair.example' })
  @Trim()
  @IsEmail({}, { message: 'Enter an email address like name@company.com' })
  @MaxLength(254)
  email: string;
}
