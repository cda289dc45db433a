import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { PLANS, type Plan } from '@beaker/contracts';
import type { SandboxDelivery } from '../stripe.sandbox';
import type { SandboxCheckoutSession, SandboxSubscription } from '../stripe.sandbox.objects';

/** What the SPA's sandbox checkout and portal pages read and send. */

export class SandboxDeliveryDto implements SandboxDelivery {
  @ApiProperty({ example: 'evt_sbx_0123456789abcdef01234567' })
  eventId: string;

  @ApiProperty({ example: 'checkout.session.completed' })
  type: string;

  @ApiProperty({ oneOf: [{ type: 'integer' }, { type: 'string' }], description: 'Our webhook endpoint\'s HTTP status, or the network error' })
  status: number | string;
}

export class SandboxCheckoutSessionDto {
  @ApiProperty({ example: 'cs_test_sbx_0123456789abcdef0123456789abcdef' })
  id: string;

  @ApiProperty({ enum: PLANS })
  plan: Plan;

  @ApiProperty({ example: 'Starter' })
  planName: string;

  @ApiProperty({ example: 9900, description: 'US cents a month' })
  amountTotal: number;

  @ApiProperty({ example: 'usd' })
  currency: string;

  @ApiProperty({ example: 'owner@example.com' })
  customerEmail: string;

  @ApiProperty({ enum: ['open', 'complete', 'expired'] })
  status: SandboxCheckoutSession['status'];

  @ApiProperty()
  successUrl: string;

  @ApiProperty()
  cancelUrl: string;
}

export class SandboxPayResultDto {
  @ApiProperty({ type: SandboxCheckoutSessionDto })
  session: SandboxCheckoutSessionDto;

  @ApiProperty({ description: 'Where the page sends the customer next' })
  redirectUrl: string;

  @ApiProperty({ type: [SandboxDeliveryDto] })
  deliveries: SandboxDeliveryDto[];
}

export class SandboxSubscriptionDto {
  @ApiProperty({ example: 'sub_sbx_0123456789abcdef01234567' })
  id: string;

  @ApiProperty({ enum: PLANS })
  plan: Plan;

  @ApiProperty({ enum: ['active', 'past_due', 'canceled'] })
  status: SandboxSubscription['status'];

  @ApiProperty()
  cancelAtPeriodEnd: boolean;

  @ApiProperty({ format: 'date-time' })
  currentPeriodEnd: string;
}

export class SandboxPortalDto {
  @ApiProperty({ example: 'cus_sbx_0123456789abcdef01234567' })
  customerId: string;

  @ApiProperty()
  email: string;

  @ApiProperty({ type: SandboxSubscriptionDto, nullable: true })
  subscription: SandboxSubscriptionDto | null;

  @ApiProperty({ type: String, nullable: true, description: 'The return URL of the last portal session' })
  returnUrl: string | null;
}

export class SandboxPortalChangeDto {
  @ApiProperty({ type: SandboxSubscriptionDto })
  subscription: SandboxSubscriptionDto;

  @ApiProperty({ type: [SandboxDeliveryDto] })
  deliveries: SandboxDeliveryDto[];
}

export class SandboxCancelDto {
  @ApiPropertyOptional({ default: false, description: 'Cancel at the end of the period (customer.subscription.updated) instead of now (customer.subscription.deleted)' })
  @IsOptional()
  @IsBoolean()
  atPeriodEnd?: boolean;
}

export class SandboxChangePlanDto {
  @ApiProperty({ enum: PLANS })
  @IsIn(PLANS)
  plan: Plan;
}
