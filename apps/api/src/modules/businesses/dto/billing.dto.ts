import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID } from 'class-validator';
import {
  PLANS,
  type CheckoutSessionCreated,
  type CheckoutSessionCreateRequest,
  type CheckoutSessionStatus,
  type Plan,
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
