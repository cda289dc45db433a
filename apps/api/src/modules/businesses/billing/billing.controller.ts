import { Body, Controller, Get, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiCookieAuth, ApiHeader, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { Forbidden, NotFound, Unauthenticated, ValidationFailed } from '../../../common/errors/common.errors';
import { Endpoint, EndpointErrors } from '../../../common/http/endpoint';
import { IdempotencyKeyInvalid, IdempotencyKeyReused } from '../../../common/idempotency/idempotency.errors';
import { IdempotencyService } from '../../../common/idempotency/idempotency.service';
import { TransientProviderError } from '../../../integrations/providers.errors';
import { ApiCsrfHeader, CsrfRejected, CurrentUser } from '../../auth';
import type { User } from '../../auth';
import { NoSubscription, SubscriptionStillActive, TrialAlreadyConverted, TrialNotFound } from '../businesses.errors';
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
  constructor(
    private readonly billing: BillingService,
    private readonly idempotency: IdempotencyService,
  ) {}

  @Post('checkout-sessions')
  @HttpCode(201)
  @ApiCsrfHeader()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Any unique string up to 255 characters: a retry with the same key and body answers the same session for 24 hours' })
  @Endpoint({
    summary: 'Start paying for a plan (Stripe Checkout, subscription mode)',
    description:
      'Send the browser to `url`. Once paid, Stripe\'s checkout.session.completed creates the business, with you as its owner — or, with `businessId` (a canceled business of yours), makes that business active again with its assistant and number.',
    response: { status: 201, type: CheckoutSessionCreatedDto },
    errors: [
      { error: ValidationFailed, note: 'also trialId with businessId' },
      { error: Forbidden, note: 'an API key; a member, not an owner, of `businessId`' },
      CsrfRejected,
      { error: TrialNotFound, note: 'or not yours' },
      { error: NotFound, note: '`businessId`: no such business among yours' },
      TrialAlreadyConverted,
      { error: SubscriptionStillActive, note: '`businessId` is not canceled' },
      { error: TransientProviderError, note: 'Stripe cannot be reached; try again' },
      IdempotencyKeyInvalid,
      { error: IdempotencyKeyReused, note: 'the same key with a different body' },
    ],
  })
  async createCheckoutSession(
    @CurrentUser() user: User,
    @Body() body: CheckoutSessionCreateRequestDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<CheckoutSessionCreatedDto> {
    return this.once(user, idempotencyKey, { method: 'POST', path: 'billing/checkout-sessions', body }, reply, () => this.billing.createCheckoutSession(user, body));
  }

  @Get('checkout-sessions/:sessionId')
  @Endpoint({ summary: 'Whether your checkout has become a business yet (the success page polls this)', response: { status: 200, type: CheckoutSessionStatusDto } })
  checkoutStatus(@CurrentUser() user: User, @Param('sessionId') sessionId: string): Promise<CheckoutSessionStatusDto> {
    return this.billing.checkoutStatus(user, sessionId.slice(0, 255));
  }

  @Post('portal-sessions')
  @HttpCode(201)
  @ApiCsrfHeader()
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'Any unique string up to 255 characters: a retry with the same key and body answers the same session for 24 hours' })
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
      IdempotencyKeyInvalid,
      { error: IdempotencyKeyReused, note: 'the same key with a different body' },
    ],
  })
  async createPortalSession(
    @CurrentUser() user: User,
    @Body() body: PortalSessionCreateRequestDto,
    @Headers('idempotency-key') idempotencyKey: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ): Promise<PortalSessionCreatedDto> {
    const request = { method: 'POST', path: 'billing/portal-sessions', body: { businessId: body.businessId.toLowerCase() } };
    return this.once(user, idempotencyKey, request, reply, () => this.billing.createPortalSession(user, body.businessId));
  }

  /**
   * The session once per Idempotency-Key (the person's, `user:<id>`). These already dedupe at Stripe
   * (a checkout's own idempotency key); the header adds the replay of the first answer. With a key
   * or without, no transaction is held open around the call to Stripe (runOutsideTransaction).
   */
  private async once<T>(user: User, key: string | undefined, request: unknown, reply: FastifyReply, create: () => Promise<T>): Promise<T> {
    if (key === undefined) return create();
    const answer = await this.idempotency.runOutsideTransaction(`user:${user.id}`, key, request, 201, () => create());
    if (answer.replayed) void reply.header('idempotent-replayed', 'true');
    return answer.body;
  }
}
