import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PLAN_CATALOG } from '@beaker/contracts';
import { ValidationFailed } from '../../../common/errors/common.errors';
import { Endpoint, EndpointErrors } from '../../../common/http/endpoint';
import { SANDBOX_ACCESS_ERRORS } from '../sandbox.errors';
import { PublicInDevelopment } from '../../../modules/auth';
import { SandboxCheckoutNotFound, SandboxCheckoutNotOpen, SandboxCustomerNotFound, SandboxNoSubscription } from '../sandbox.errors';
import {
  SandboxCancelDto,
  SandboxChangePlanDto,
  SandboxCheckoutSessionDto,
  SandboxPayResultDto,
  SandboxPortalChangeDto,
  SandboxPortalDto,
  SandboxSubscriptionDto,
} from './dto/stripe-sandbox.dto';
import { StripeSandbox } from './stripe.sandbox';
import type { SandboxCheckoutSession, SandboxSubscription } from './stripe.sandbox.objects';

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
@PublicInDevelopment()
@EndpointErrors(SANDBOX_ACCESS_ERRORS)
@Controller('v1/sandbox')
export class StripeSandboxController {
  constructor(private readonly sandbox: StripeSandbox) {}

  @Get('checkout-sessions/:id')
  @Endpoint({ summary: 'Sandbox: a checkout session, for the sandbox checkout page', response: { status: 200, type: SandboxCheckoutSessionDto }, errors: [SandboxCheckoutNotFound] })
  async checkoutSession(@Param('id') id: string): Promise<SandboxCheckoutSessionDto> {
    return sessionView(await this.sandbox.checkoutSession(id));
  }

  @Post('checkout-sessions/:id/pay')
  @HttpCode(200)
  @Endpoint({
    summary: 'Sandbox: pay — sends checkout.session.completed, customer.subscription.created and invoice.paid to /webhooks/stripe',
    response: { status: 200, type: SandboxPayResultDto },
    errors: [SandboxCheckoutNotFound, SandboxCheckoutNotOpen],
  })
  async pay(@Param('id') id: string): Promise<SandboxPayResultDto> {
    const { session, deliveries } = await this.sandbox.pay(id);
    return { session: sessionView(session), redirectUrl: session.successUrl.replace('{CHECKOUT_SESSION_ID}', session.id), deliveries };
  }

  @Get('portal/:customerId')
  @Endpoint({ summary: 'Sandbox: the customer and subscription, for the sandbox portal page', response: { status: 200, type: SandboxPortalDto }, errors: [SandboxCustomerNotFound] })
  async portal(@Param('customerId') customerId: string): Promise<SandboxPortalDto> {
    const { customer, subscription } = await this.sandbox.portal(customerId);
    return { customerId: customer.id, email: customer.email, subscription: subscription ? subscriptionView(subscription) : null, returnUrl: customer.portalReturnUrl ?? null };
  }

  @Post('portal/:customerId/cancel')
  @HttpCode(200)
  @Endpoint({
    summary: 'Sandbox: cancel the subscription — sends customer.subscription.deleted (or .updated when at period end)',
    response: { status: 200, type: SandboxPortalChangeDto },
    errors: [ValidationFailed, SandboxCustomerNotFound, SandboxNoSubscription],
  })
  async cancel(@Param('customerId') customerId: string, @Body() body: SandboxCancelDto): Promise<SandboxPortalChangeDto> {
    const { subscription, deliveries } = await this.sandbox.cancel(customerId, body.atPeriodEnd ?? false);
    return { subscription: subscriptionView(subscription), deliveries };
  }

  @Post('portal/:customerId/resume')
  @HttpCode(200)
  @Endpoint({
    summary: 'Sandbox: keep a subscription set to cancel at the period’s end — sends customer.subscription.updated',
    response: { status: 200, type: SandboxPortalChangeDto },
    errors: [SandboxCustomerNotFound, SandboxNoSubscription],
  })
  async resume(@Param('customerId') customerId: string): Promise<SandboxPortalChangeDto> {
    const { subscription, deliveries } = await this.sandbox.resume(customerId);
    return { subscription: subscriptionView(subscription), deliveries };
  }

  @Post('portal/:customerId/change-plan')
  @HttpCode(200)
  @Endpoint({
    summary: 'Sandbox: switch plans at once, prorated — sends customer.subscription.updated, and invoice.paid for the proration when it collects anything',
    response: { status: 200, type: SandboxPortalChangeDto },
    errors: [ValidationFailed, SandboxCustomerNotFound, SandboxNoSubscription],
  })
  async changePlan(@Param('customerId') customerId: string, @Body() body: SandboxChangePlanDto): Promise<SandboxPortalChangeDto> {
    const { subscription, deliveries } = await this.sandbox.changePlanInPortal(customerId, body.plan);
    return { subscription: subscriptionView(subscription), deliveries };
  }
}
