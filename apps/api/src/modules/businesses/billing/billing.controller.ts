import { Body, Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiConflictResponse,
  ApiCookieAuth,
  ApiCreatedResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiServiceUnavailableResponse,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { ProblemResponse } from '../../../common/http/openapi';
import { ApiCsrfHeader, CurrentUser } from '../../auth';
import type { User } from '../../auth';
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
@ApiUnauthorizedResponse({ type: ProblemResponse, description: 'AUTH.UNAUTHENTICATED' })
@Controller('v1/billing')
export class BillingController {
  constructor(private readonly billing: BillingService) {}

  @Post('checkout-sessions')
  @HttpCode(201)
  @ApiCsrfHeader()
  @ApiOperation({
    summary: 'Start paying for a plan (Stripe Checkout, subscription mode)',
    description: 'Send the browser to `url`. Once paid, Stripe\'s checkout.session.completed creates the business, with you as its owner.',
  })
  @ApiCreatedResponse({ type: CheckoutSessionCreatedDto })
  @ApiBadRequestResponse({ type: ProblemResponse, description: 'VALIDATION.FAILED' })
  @ApiForbiddenResponse({ type: ProblemResponse, description: 'AUTH.FORBIDDEN (an API key), AUTH.CSRF' })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'BILLING.TRIAL_NOT_FOUND: no such trial of yours' })
  @ApiConflictResponse({ type: ProblemResponse, description: 'BILLING.TRIAL_CONVERTED: the trial already went live' })
  @ApiServiceUnavailableResponse({ type: ProblemResponse, description: 'PROVIDERS.UNAVAILABLE: Stripe cannot be reached; try again' })
  createCheckoutSession(@CurrentUser() user: User, @Body() body: CheckoutSessionCreateRequestDto): Promise<CheckoutSessionCreatedDto> {
    return this.billing.createCheckoutSession(user, body);
  }

  @Get('checkout-sessions/:sessionId')
  @ApiOperation({ summary: 'Whether your checkout has become a business yet (the success page polls this)' })
  @ApiOkResponse({ type: CheckoutSessionStatusDto })
  checkoutStatus(@CurrentUser() user: User, @Param('sessionId') sessionId: string): Promise<CheckoutSessionStatusDto> {
    return this.billing.checkoutStatus(user, sessionId.slice(0, 255));
  }

  @Post('portal-sessions')
  @HttpCode(201)
  @ApiCsrfHeader()
  @ApiOperation({ summary: "Open Stripe's customer portal for a business (owners): cards, invoices, plan, cancellation" })
  @ApiCreatedResponse({ type: PortalSessionCreatedDto })
  @ApiBadRequestResponse({ type: ProblemResponse, description: 'VALIDATION.FAILED' })
  @ApiForbiddenResponse({ type: ProblemResponse, description: 'AUTH.FORBIDDEN (a member, not an owner; an API key), AUTH.CSRF' })
  @ApiNotFoundResponse({ type: ProblemResponse, description: 'NOT_FOUND: no such business among yours' })
  @ApiConflictResponse({ type: ProblemResponse, description: 'BILLING.NO_SUBSCRIPTION' })
  @ApiServiceUnavailableResponse({ type: ProblemResponse, description: 'PROVIDERS.UNAVAILABLE' })
  createPortalSession(@CurrentUser() user: User, @Body() body: PortalSessionCreateRequestDto): Promise<PortalSessionCreatedDto> {
    return this.billing.createPortalSession(user, body.businessId);
  }
}
