import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiParam, ApiTags } from '@nestjs/swagger';
import { Forbidden, NotFound, RateLimited, RateLimitsUnavailable, Unauthenticated, ValidationFailed } from '../../common/errors/common.errors';
import { Endpoint, EndpointErrors } from '../../common/http/endpoint';
import { TransientProviderError } from '../../integrations/providers.errors';
import type { BusinessAccess, User } from '../auth';
import { AccountSuspended, API_KEY_LIMITED, ApiCsrfHeader, ApiKeyAllowed, BusinessOwnerOnly, BusinessRoute, CsrfRejected, CurrentBusinessAccess, CurrentUser } from '../auth';
import { AssistantSettingsService } from './assistant/assistant-settings.service';
import { BusinessesService } from './businesses.service';
import { BusinessResponseDto, TestCallPlacedDto } from './dto/business.dto';
import { TestCallService } from './test-calls/test-call.service';
import { ComplianceSettingsDto, ComplianceSettingsUpdateDto } from './dto/compliance-settings.dto';
import { ComplianceSettingsService } from './compliance-settings/compliance-settings.service';
import { AssistantSettingsDto, AssistantSettingsUpdateDto, BusinessOverviewDto } from './dto/business-overview.dto';
import { BusinessProvisioning } from './provisioning/business-provisioning.service';
import { BillingService } from './billing/billing.service';
import { BusinessNotLive, NoSubscription, NoVerifiedPhone, PlanChangePreviewExpired, SamePlan } from './businesses.errors';
import { PlanChangePreviewDto, PlanChangePreviewQueryDto, PlanChangeRequestDto, PlanChangeResultDto } from './dto/billing.dto';
import { Clock } from '../../common/clock';

@ApiTags('businesses')
@ApiCookieAuth('session')
@ApiBearerAuth('apiKey')
@ApiParam({ name: 'id', format: 'uuid' })
@EndpointErrors([Unauthenticated, { error: NotFound, note: 'no such business, or not yours' }, API_KEY_LIMITED])
@Controller('v1/businesses')
export class BusinessesController {
  constructor(
    private readonly businesses: BusinessesService,
    private readonly assistantSettings: AssistantSettingsService,
    private readonly provisioning: BusinessProvisioning,
    private readonly complianceSettings: ComplianceSettingsService,
    private readonly billing: BillingService,
    private readonly clock: Clock,
    private readonly testCalls: TestCallService,
  ) {}

  @Get(':id')
  @BusinessRoute('id')
  @ApiKeyAllowed()
  @Endpoint({
    summary: 'A business: plan, status and this period’s usage (members and its API keys)',
    response: { status: 200, type: BusinessResponseDto },
    errors: [AccountSuspended],
  })
  get(@Param('id') id: string): Promise<BusinessResponseDto> {
    return this.businesses.get(id);
  }

  @Get(':id/overview')
  @BusinessRoute('id')
  @ApiKeyAllowed()
  @Endpoint({
    summary: 'The dashboard: subscription, usage, the phone number, setup progress and the assistant’s settings',
    description: '`callsPausedReason` says why callers currently hear the fallback message instead of the assistant (null: they reach it).',
    response: { status: 200, type: BusinessOverviewDto },
  })
  overview(@Param('id') id: string, @CurrentBusinessAccess() access: BusinessAccess | undefined): Promise<BusinessOverviewDto> {
    const role = access && access.role !== 'api_key' ? access.role : null;
    return this.businesses.overview(id, role);
  }

  @Patch(':id/assistant')
  @BusinessOwnerOnly('id')
  @ApiCsrfHeader()
  @Endpoint({
    summary: 'Change the assistant’s greeting, business name or hours (owners); the voice provider’s assistant changes with them',
    response: { status: 200, type: AssistantSettingsDto },
    errors: [
      ValidationFailed,
      { error: Forbidden, note: 'a member or an API key' },
      CsrfRejected,
      { error: TransientProviderError, note: 'nothing was changed; try again' },
    ],
  })
  updateAssistant(@Param('id') id: string, @Body() body: AssistantSettingsUpdateDto): Promise<AssistantSettingsDto> {
    return this.assistantSettings.update(id, body);
  }

  @Get(':id/compliance-settings')
  @BusinessRoute('id')
  @ApiKeyAllowed()
  @Endpoint({
    summary: 'What the compliance check reads about the business: time zone, outbound calling hours, calls a minute',
    description: 'Each setting only narrows what the law allows. `callingHours` null: the law’s windows only.',
    response: { status: 200, type: ComplianceSettingsDto },
  })
  getComplianceSettings(@Param('id') id: string): Promise<ComplianceSettingsDto> {
    return this.complianceSettings.get(id);
  }

  @Patch(':id/compliance-settings')
  @BusinessOwnerOnly('id')
  @ApiCsrfHeader()
  @Endpoint({
    summary: 'Change the business’s time zone, outbound calling hours or calls a minute (owners); the next compliance check reads them',
    response: { status: 200, type: ComplianceSettingsDto },
    errors: [ValidationFailed, { error: Forbidden, note: 'a member or an API key' }, CsrfRejected],
  })
  updateComplianceSettings(@Param('id') id: string, @Body() body: ComplianceSettingsUpdateDto): Promise<ComplianceSettingsDto> {
    return this.complianceSettings.update(id, body);
  }

  @Post(':id/subscription/resume')
  @HttpCode(200)
  @BusinessOwnerOnly('id')
  @ApiCsrfHeader()
  @Endpoint({
    summary: 'Keep a subscription set to end at its period’s end (owners): it renews as before',
    description: 'Stripe’s `cancel_at_period_end: false`; its customer.subscription.updated event follows.',
    response: {
      status: 200,
      schema: {
        type: 'object',
        required: ['cancelAtPeriodEnd', 'currentPeriodEnd'],
        properties: { cancelAtPeriodEnd: { type: 'boolean', enum: [false] }, currentPeriodEnd: { type: 'string', format: 'date-time', nullable: true } },
      },
    },
    errors: [
      { error: Forbidden, note: 'a member or an API key' },
      CsrfRejected,
      { error: NoSubscription, note: 'no subscription, or it has ended: subscribe again' },
      { error: TransientProviderError, note: 'nothing was changed; try again' },
    ],
  })
  resumeSubscription(@Param('id') id: string): Promise<{ cancelAtPeriodEnd: boolean; currentPeriodEnd: string | null }> {
    return this.billing.resume(id, this.clock.now());
  }

  @Get(':id/subscription/plan-change')
  @BusinessOwnerOnly('id')
  @Endpoint({
    summary: 'What switching plans would cost (owners): the new price, the proration charged now and the next invoice, from Stripe’s invoice preview',
    description: 'Changes nothing. Send `prorationDate` back with the change (within the hour) so that the figures shown are the figures charged.',
    response: { status: 200, type: PlanChangePreviewDto },
    errors: [
      ValidationFailed,
      { error: Forbidden, note: 'a member or an API key' },
      { error: NoSubscription, note: 'no subscription, or it has ended: subscribe again' },
      SamePlan,
      { error: TransientProviderError, note: 'Stripe cannot be reached; try again' },
    ],
  })
  previewPlanChange(@Param('id') id: string, @Query() query: PlanChangePreviewQueryDto): Promise<PlanChangePreviewDto> {
    return this.billing.previewPlanChange(id, query.plan, this.clock.now());
  }

  @Post(':id/subscription/plan-change')
  @HttpCode(200)
  @BusinessOwnerOnly('id')
  @ApiCsrfHeader()
  @Endpoint({
    summary: 'Switch plans at the previewed moment (owners): Stripe prorates as previewed and invoices the difference at once',
    description: 'Stripe’s customer.subscription.updated event then changes the business’s plan and allowance.',
    response: { status: 200, type: PlanChangeResultDto },
    errors: [
      ValidationFailed,
      { error: Forbidden, note: 'a member or an API key' },
      CsrfRejected,
      { error: NoSubscription, note: 'no subscription, or it has ended: subscribe again' },
      SamePlan,
      { error: PlanChangePreviewExpired, note: 'the preview is over an hour old, from another period, or from the future' },
      { error: TransientProviderError, note: 'nothing was changed; try again' },
    ],
  })
  changePlan(@Param('id') id: string, @Body() body: PlanChangeRequestDto): Promise<PlanChangeResultDto> {
    return this.billing.changePlan(id, body, this.clock.now());
  }

  @Post(':id/test-calls')
  @HttpCode(202)
  @BusinessOwnerOnly('id')
  @ApiCsrfHeader()
  @Endpoint({
    summary: '"Hear your agent": the business’s assistant calls you (owners) from its number, on the phone you verified in your trial',
    description: 'A test call (`direction: outbound_test`): listed with the business’s calls, not counted against the plan, never a lead. 3 an hour per business.',
    response: { status: 202, type: TestCallPlacedDto },
    errors: [
      { error: Forbidden, note: 'a member or an API key' },
      CsrfRejected,
      { error: BusinessNotLive, note: 'not active, or its number is not connected yet' },
      { error: NoVerifiedPhone, note: 'no phone of yours verified in this business’s trial, or it is on the business’s do-not-call list' },
      { error: RateLimited, note: '3 an hour per business; with Retry-After' },
      { error: RateLimitsUnavailable, note: 'the limit cannot be checked: no call is placed; with Retry-After' },
      { error: TransientProviderError, note: 'the call was not placed; try again' },
    ],
  })
  placeTestCall(@Param('id') id: string, @CurrentUser() user: User): Promise<TestCallPlacedDto> {
    return this.testCalls.place(id, user);
  }

  @Post(':id/provisioning/retry')
  @HttpCode(202)
  @BusinessOwnerOnly('id')
  @ApiCsrfHeader()
  @Endpoint({
    summary: 'Run the setup again from the first unfinished step (owners), e.g. after it failed',
    response: { status: 202, schema: { type: 'object', required: ['step'], properties: { step: { type: 'string', nullable: true, enum: ['assistant', 'number', 'connect'] } } } },
    errors: [{ error: Forbidden, note: 'a member or an API key' }, CsrfRejected],
  })
  async retryProvisioning(@Param('id') id: string): Promise<{ step: string | null }> {
    return { step: await this.provisioning.start(id, { retry: true }) };
  }
}
