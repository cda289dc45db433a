import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiCookieAuth, ApiTags } from '@nestjs/swagger';
import { Forbidden, NotFound, Unauthenticated, ValidationFailed } from '../../../common/errors/common.errors';
import { Endpoint, EndpointErrors } from '../../../common/http/endpoint';
import { TransientProviderError } from '../../../integrations/providers.errors';
import { ApiCsrfHeader, CsrfRejected, CurrentUser } from '../../auth';
import type { User } from '../../auth';
import { NoSubscription, TrialAlreadyConverted, TrialNotFound } from '../businesses.errors';
import {
  CheckoutSessionCreatedDto,
  CheckoutSessionCreateRequestDto,
  CheckoutSessionStatusDto,
  PortalSessionCreatedDto,
  PortalSessionCreateRequestDto,
} from '../dto/billing.dto';
import { BillingService } from './billing.service';

@ApiTags('billing')
@ApiCookieAuth('session')
@EndpointErrors([Unauthenticated])
@Controller('v1/billing')
export class BillingController {
  constructor(private readonly billing: BillingService) {}

  @Post('checkout-sessions')
  @HttpCode(201)
  @ApiCsrfHeader()
  @Endpoint({
    summary: 'Start paying for a plan (Stripe Checkout, subscription mode)',
    description: 'Send the browser to `url`. Once paid, Stripe\'s checkout.session.completed creates the business, with you as its owner.',
    response: { status: 201, type: CheckoutSessionCreatedDto },
    errors: [
      ValidationFailed,
      { error: Forbidden, note: 'an API key' },
      CsrfRejected,
      { error: TrialNotFound, note: 'or not yours' },
      TrialAlreadyConverted,
      { error: TransientProviderError, note: 'Stripe cannot be reached; try again' },
    ],
  })
  createCheckoutSession(@CurrentUser() user: User, @Body() body: CheckoutSessionCreateRequestDto): Promise<CheckoutSessionCreatedDto> {
    return this.billing.createCheckoutSession(user, body);
  }

  @Get('checkout-sessions/:sessionId')
  @Endpoint({ summary: 'Whether your checkout has become a business yet (the success page polls this)', response: { status: 200, type: CheckoutSessionStatusDto } })
  checkoutStatus(@CurrentUser() user: User, @Param('sessionId') sessionId: string): Promise<CheckoutSessionStatusDto> {
    return this.billing.checkoutStatus(user, sessionId.slice(0, 255));
  }

  @Post('portal-sessions')
  @HttpCode(201)
  @ApiCsrfHeader()
  @Endpoint({
    summary: "Open Stripe's customer portal for a business (owners): cards, invoices, plan, cancellation",
    response: { status: 201, type: PortalSessionCreatedDto },
    errors: [
      ValidationFailed,
      { error: Forbidden, note: 'a member, not an owner; an API key' },
      CsrfRejected,
      { error: NotFound, note: 'no such business among yours' },
      NoSubscription,
      TransientProviderError,
    ],
  })
  createPortalSession(@CurrentUser() user: User, @Body() body: PortalSessionCreateRequestDto): Promise<PortalSessionCreatedDto> {
    return this.billing.createPortalSession(user, body.businessId);
  }
}
