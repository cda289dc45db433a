import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdempotencyModule } from '../../common/idempotency/idempotency.module';
import { CallsModule } from '../calls';
import { TrialsModule } from '../trials';
import { WebhooksModule } from '../webhooks';
import { AssistantSettingsService } from './assistant/assistant-settings.service';
import { BillingController } from './billing/billing.controller';
import { BillingService } from './billing/billing.service';
import { TestCallService } from './test-calls/test-call.service';
import { PaymentFailedNotice } from './billing/payment-failed-notice.service';
import { ReceiptNotice } from './billing/receipt-notice.service';
import { WelcomeNotice } from './provisioning/welcome-notice.service';
import { StripeBillingHandler } from './billing/stripe-billing.handler';
import { WaitingBillingEventsReadModel } from './billing/waiting-billing-events.read-model';
import { BusinessesController } from './businesses.controller';
import { BusinessesService } from './businesses.service';
import { ComplianceSettingsService } from './compliance-settings/compliance-settings.service';
import { BusinessCallsController } from './calls/business-calls.controller';
import { BusinessCallsService } from './calls/business-calls.service';
import { Business } from './entities/business.entity';
import { CheckoutStart } from './entities/checkout-start.entity';
import { PhoneNumber } from './entities/phone-number.entity';
import { BusinessInvoice } from './entities/business-invoice.entity';
import { SubscriptionChangeRecord } from './entities/subscription-change.entity';
import { AssistantRequestHandler } from './inbound/assistant-request.handler';
import { SmsKeywordsHandler } from './inbound/sms-keywords.handler';
import { BusinessesProcessor } from './jobs/businesses.processor';
import { BusinessesRepository } from './persistence/businesses.repository';
import { CheckoutStartsRepository } from './persistence/checkout-starts.repository';
import { AdminPlanOverrideController } from './plan-override/admin-plan-override.controller';
import { PlanOverrideService } from './plan-override/plan-override.service';
import { PlansController } from './plans.controller';
import { BusinessProvisioning } from './provisioning/business-provisioning.service';
import { TeamController } from './team/team.controller';
import { TeamService } from './team/team.service';
import { OutboundWebhooksModule } from '../outbound-webhooks';

/**
 * Businesses: going live (checkout, Stripe's subscription events, provisioning), inbound call
 * routing and texts to business numbers (STOP, START, HELP), the customer's dashboard (overview, assistant settings, calls, team), and staff's plan overrides. See README.md.
 */
@Module({
  imports: [TypeOrmModule.forFeature([Business, PhoneNumber, BusinessInvoice, SubscriptionChangeRecord, CheckoutStart]), WebhooksModule, CallsModule, TrialsModule, OutboundWebhooksModule, IdempotencyModule],
  controllers: [PlansController, BusinessesController, BillingController, BusinessCallsController, TeamController, AdminPlanOverrideController],
  providers: [
    BusinessesRepository,
    CheckoutStartsRepository,
    WaitingBillingEventsReadModel,
    BusinessesService,
    BillingService,
    TestCallService,
    StripeBillingHandler,
    PaymentFailedNotice,
    ReceiptNotice,
    WelcomeNotice,
    BusinessProvisioning,
    AssistantRequestHandler,
    SmsKeywordsHandler,
    AssistantSettingsService,
    BusinessCallsService,
    TeamService,
    ComplianceSettingsService,
    BusinessesProcessor,
    PlanOverrideService,
  ],
  exports: [BusinessesService, PlanOverrideService, ComplianceSettingsService],
})
export class BusinessesModule {}
