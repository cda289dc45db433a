import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiConflictResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { PLAN_CATALOG, PLANS, Plan } from '@beaker/contracts';
import { IsBoolean, IsIn, IsOptional } from 'class-validator';
import { ProblemResponse } from '../../../common/http/openapi';
import { Public } from '../../../modules/auth';
import { SandboxDelivery, StripeSandbox } from './stripe.sandbox';
import type { SandboxCheckoutSession, SandboxSubscription } from './stripe.sandbox.objects';

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

function sessionView(s: SandboxCheckoutSession): SandboxCheckoutSessionDto {
  return {
    id: s.id,
    plan: s.plan,
    planName: PLAN_CATALOG[s.plan].name,
    amountTotal: s.amountTotal,
    currency: s.currency,
    customerEmail: s.customerEmail,
    status: s.status,
    successUrl: s.successUrl,
    cancelUrl: s.cancelUrl,
  };
}

function subscriptionView(s: SandboxSubscription): SandboxSubscriptionDto {
  return { id: s.id, plan: s.plan, status: s.status, cancelAtPeriodEnd: s.cancelAtPeriodEnd, currentPeriodEnd: new Date(s.currentPeriodEnd * 1000).toISOString() };
}

/** Sandbox only (not registered when PROVIDERS=live): what the SPA's sandbox checkout and portal pages call. */
@ApiTags('sandbox')
@Public()
@Controller('v1/sandbox')
export class StripeSandboxController {
  constructor(private readonly sandbox: StripeSandbox) {}

  @Get('checkout-sessions/:id')
  @ApiOperation({ summary: 'Sandbox: a checkout session, for the sandbox checkout page' })
  @ApiOkResponse({ type: SandboxCheckoutSessionDto })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'SANDBOX.CHECKOUT_NOT_FOUND' })
  async checkoutSession(@Param('id') id: string): Promise<SandboxCheckoutSessionDto> {
    return sessionView(await this.sandbox.checkoutSession(id));
  }

  @Post('checkout-sessions/:id/pay')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sandbox: pay — sends checkout.session.completed, customer.subscription.created and invoice.paid to /webhooks/stripe' })
  @ApiOkResponse({ type: SandboxPayResultDto })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'SANDBOX.CHECKOUT_NOT_FOUND' })
  @ApiConflictResponse({ type: ProblemResponse, description: 'SANDBOX.CHECKOUT_NOT_OPEN: already paid or expired' })
  async pay(@Param('id') id: string): Promise<SandboxPayResultDto> {
    const { session, deliveries } = await this.sandbox.pay(id);
    return { session: sessionView(session), redirectUrl: session.successUrl.replace('{CHECKOUT_SESSION_ID}', session.id), deliveries };
  }

  @Get('portal/:customerId')
  @ApiOperation({ summary: 'Sandbox: the customer and subscription, for the sandbox portal page' })
  @ApiOkResponse({ type: SandboxPortalDto })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'SANDBOX.CUSTOMER_NOT_FOUND' })
  async portal(@Param('customerId') customerId: string): Promise<SandboxPortalDto> {
    const { customer, subscription } = await this.sandbox.portal(customerId);
    return { customerId: customer.id, email: customer.email, subscription: subscription ? subscriptionView(subscription) : null, returnUrl: customer.portalReturnUrl ?? null };
  }

  @Post('portal/:customerId/cancel')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sandbox: cancel the subscription — sends customer.subscription.deleted (or .updated when at period end)' })
  @ApiOkResponse({ type: SandboxPortalChangeDto })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'SANDBOX.CUSTOMER_NOT_FOUND' })
  @ApiConflictResponse({ type: ProblemResponse, description: 'SANDBOX.NO_ACTIVE_SUBSCRIPTION' })
  async cancel(@Param('customerId') customerId: string, @Body() body: SandboxCancelDto): Promise<SandboxPortalChangeDto> {
    const { subscription, deliveries } = await this.sandbox.cancel(customerId, body.atPeriodEnd ?? false);
    return { subscription: subscriptionView(subscription), deliveries };
  }

  @Post('portal/:customerId/change-plan')
  @HttpCode(200)
  @ApiOperation({ summary: 'Sandbox: switch plans — sends customer.subscription.updated' })
  @ApiOkResponse({ type: SandboxPortalChangeDto })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'SANDBOX.CUSTOMER_NOT_FOUND' })
  @ApiConflictResponse({ type: ProblemResponse, description: 'SANDBOX.NO_ACTIVE_SUBSCRIPTION' })
  async changePlan(@Param('customerId') customerId: string, @Body() body: SandboxChangePlanDto): Promise<SandboxPortalChangeDto> {
    const { subscription, deliveries } = await this.sandbox.changePlan(customerId, body.plan);
    return { subscription: subscriptionView(subscription), deliveries };
  }
}
