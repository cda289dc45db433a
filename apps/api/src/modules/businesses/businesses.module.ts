import { Module } from '@nestjs/common';
import { WebhooksModule } from '../webhooks/webhooks.module';
import { AssistantSettingsService } from './assistant/assistant-settings.service';
import { BillingController } from './billing/billing.controller';
import { BillingService } from './billing/billing.service';
import { PaymentFailedNotice } from './billing/payment-failed-notice';
import { StripeBillingHandlers } from './billing/stripe-billing-handlers';
import { BusinessesController } from './businesses.controller';
import { BusinessesService } from './businesses.service';
import { BusinessCallsController } from './calls/business-calls.controller';
import { BusinessCallsService } from './calls/business-calls.service';
import { InboundCallRouter } from './inbound/inbound-call-router';
import { PlansController } from './plans.controller';
import { BusinessProvisioning } from './provisioning/business-provisioning';
import { TeamController } from './team/team.controller';
import { TeamService } from './team/team.service';

/**
 * Businesses: going live (checkout, Stripe's subscription events, provisioning), inbound call
 * routing, and the customer's dashboard (overview, assistant settings, calls, team). See README.md.
 */
@Module({
  imports: [WebhooksModule],
  controllers: [PlansController, BusinessesController, BillingController, BusinessCallsController, TeamController],
  providers: [
    BusinessesService,
    BillingService,
    StripeBillingHandlers,
    PaymentFailedNotice,
    BusinessProvisioning,
    InboundCallRouter,
    AssistantSettingsService,
    BusinessCallsService,
    TeamService,
  ],
  exports: [BusinessesService, BusinessProvisioning],
})
export class BusinessesModule {}
