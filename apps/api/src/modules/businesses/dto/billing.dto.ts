import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import {
  PLANS,
  type CheckoutSessionCreated,
  type CheckoutSessionCreateRequest,
  type CheckoutSessionStatus,
  type Plan,
  type PlanChangePreview,
  type PlanChangeRequest,
  type PlanChangeResult,
  type PortalSessionCreated,
  type PortalSessionCreateRequest,
} from '@beaker/contracts';

export class CheckoutSessionCreateRequestDto implements CheckoutSessionCreateRequest {
  @ApiProperty({ enum: PLANS })
  @IsIn(PLANS)
  plan: Plan;

  @ApiPropertyOptional({ format: 'uuid', description: 'Your trial: the business takes over its persona, and the trial becomes converted' })
  @IsOptional()
  @IsUUID()
  trialId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'A canceled business of yours (owners) to subscribe again: it keeps its assistant and number. Not with trialId' })
  @IsOptional()
  @IsUUID()
  businessId?: string;
}

export class CheckoutSessionCreatedDto implements CheckoutSessionCreated {
  @ApiProperty({ example: 'cs_test_a1b2c3' })
  id: string;

  @ApiProperty({ example: 'https://checkout.stripe.com/c/pay/cs_test_a1b2c3', description: 'Stripe Checkout (or the sandbox checkout page)' })
  url: string;
}

export class CheckoutSessionStatusDto implements CheckoutSessionStatus {
  @ApiProperty({ example: 'cs_test_a1b2c3' })
  id: string;

  @ApiProperty({ enum: ['pending', 'complete'], description: 'complete once the business exists and you are its owner' })
  status: 'pending' | 'complete';

  @ApiProperty({ type: String, format: 'uuid', nullable: true })
  businessId: string | null;
}

export class PortalSessionCreateRequestDto implements PortalSessionCreateRequest {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  businessId: string;
}

export class PortalSessionCreatedDto implements PortalSessionCreated {
  @ApiProperty({ example: 'https://billing.stripe.com/p/session/test_a1b2c3' })
  url: string;
}

export class PlanChangePreviewQueryDto {
  @ApiProperty({ enum: PLANS, description: 'The plan to switch to' })
  @IsIn(PLANS)
  plan: Plan;
}

export class PlanChangePreviewDto implements PlanChangePreview {
  @ApiProperty({ enum: PLANS })
  currentPlan: Plan;

  @ApiProperty({ enum: PLANS })
  plan: Plan;

  @ApiProperty({ example: 'usd' })
  currency: string;

  @ApiProperty({ example: 29900, description: 'The new plan’s price a month, in cents' })
  newPrice: number;

  @ApiProperty({ example: 10000, description: 'Net of the unused time on the old plan (credited) and the rest of the period on the new one (charged), in cents; negative: a credit' })
  prorationAmount: number;

  @ApiProperty({ example: 10000, description: 'Charged when the change applies, in cents (never below 0)' })
  amountDueNow: number;

  @ApiProperty({ example: 29900, description: 'The first renewal on the new plan, less any credit left, in cents' })
  nextInvoiceAmount: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  nextInvoiceDate: string | null;

  @ApiProperty({ example: 1767225600, description: 'Seconds since the epoch; send it back with the change' })
  prorationDate: number;
}

export class PlanChangeRequestDto implements PlanChangeRequest {
  @ApiProperty({ enum: PLANS })
  @IsIn(PLANS)
  plan: Plan;

  @ApiProperty({ example: 1767225600, description: 'The preview’s prorationDate (at most an hour old)' })
  @IsInt()
  @Min(0)
  @Max(2 ** 31 * 2)
  prorationDate: number;
}

export class PlanChangeResultDto implements PlanChangeResult {
  @ApiProperty({ enum: PLANS })
  plan: Plan;

  @ApiProperty({ example: 10000, description: 'What the change charged, in cents' })
  amountDueNow: number;

  @ApiProperty({ type: String, format: 'date-time', nullable: true })
  currentPeriodEnd: string | null;
}
