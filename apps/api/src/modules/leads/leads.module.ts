import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdempotencyModule } from '../../common/idempotency/idempotency.module';
import { BusinessesModule } from '../businesses';
import { OutboundWebhooksModule } from '../outbound-webhooks';
import { CallEndedListener, CallsModule } from '../calls';
import { LeadsCallEndedListener } from './call-ended.listener';
import { LeadCall } from './entities/lead-call.entity';
import { LeadEvent } from './entities/lead-event.entity';
import { LeadForm } from './entities/lead-form.entity';
import { LeadNotificationSetting } from './entities/lead-notification-setting.entity';
import { LeadSubmission } from './entities/lead-submission.entity';
import { Lead } from './entities/lead.entity';
import { EmbedScriptController } from './forms/embed-script.controller';
import { LeadFormsController } from './forms/lead-forms.controller';
import { LeadFormsService } from './forms/lead-forms.service';
import { PublicFormsController } from './forms/public-forms.controller';
import { LeadsProcessor } from './jobs/leads.processor';
import { LeadCallsService } from './lead-calls.service';
import { LeadCaptureService } from './lead-capture.service';
import { LeadIntakeService } from './lead-intake.service';
import { LeadNotificationsService } from './lead-notifications.service';
import { LeadSweeper } from './lead-sweeper.service';
import { LeadViewsService } from './lead-views.service';
import { LeadWebhookEvents } from './lead-webhook-events';
import { LeadStatsService } from './lead-stats.service';
import { BusinessLeadsController, LeadsController } from './leads.controller';
import { LeadFormsRepository } from './persistence/lead-forms.repository';
import { LeadNotificationSettingsRepository } from './persistence/lead-notification-settings.repository';
import { LeadsRepository } from './persistence/leads.repository';
import { PublicFormReadModel } from './persistence/public-form.read-model';

/**
 * Speed-to-lead: web forms and their embed script, the integrator lead API, the calls the agent
 * makes to leads (through compliance, every attempt), the consent certificate, owners told.
 * Global only to provide the calls module's CallEndedListener port (the calls module cannot import
 * this one: it sits below it). See README.md.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forFeature([LeadForm, Lead, LeadSubmission, LeadCall, LeadEvent, LeadNotificationSetting]),
    IdempotencyModule,
    CallsModule,
    BusinessesModule,
    OutboundWebhooksModule,
  ],
  controllers: [LeadFormsController, PublicFormsController, EmbedScriptController, LeadsController, BusinessLeadsController],
  providers: [
    LeadStatsService,
    LeadFormsRepository,
    LeadsRepository,
    LeadNotificationSettingsRepository,
    PublicFormReadModel,
    LeadFormsService,
    LeadCaptureService,
    LeadIntakeService,
    LeadCallsService,
    LeadViewsService,
    LeadNotificationsService,
    LeadSweeper,
    LeadWebhookEvents,
    LeadsCallEndedListener,
    { provide: CallEndedListener, useExisting: LeadsCallEndedListener },
    LeadsProcessor,
  ],
  exports: [CallEndedListener, LeadViewsService, LeadStatsService],
})
export class LeadsModule {}
