import { CallsRetention } from './calls-retention.service';
import { CallMetrics } from './call-metrics';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { OutboundWebhooksModule } from '../outbound-webhooks';
import { CallAudienceReadModel } from './call-audience.read-model';
import { CallEventStreams } from './call-event-streams.service';
import { CallReconciliation } from './call-reconciliation.service';
import { CallReports } from './call-reports.service';
import { CallStatusNotifier } from './call-status-notifier';
import { CallStatusSubscriptions } from './call-status-subscriptions';
import { CallsController } from './calls.controller';
import { CallsRepository } from './calls.repository';
import { CallsService } from './calls.service';
import { Call } from './entities/call.entity';
import { CallsProcessor } from './jobs/calls.processor';
import { CallEventLocator } from './webhooks/call-event.locator';
import { TwilioCallStatusHandler } from './webhooks/twilio-call-status.handler';
import { VapiEndOfCallReportHandler } from './webhooks/vapi-end-of-call-report.handler';
import { VapiStatusUpdateHandler } from './webhooks/vapi-status-update.handler';

/** Calls: the rows, what provider events do to them, reports and live status. See README.md. */
@Module({
  imports: [TypeOrmModule.forFeature([Call]), OutboundWebhooksModule],
  controllers: [CallsController],
  providers: [
    CallMetrics,
    CallsRepository,
    CallAudienceReadModel,
    CallsService,
    CallsRetention,
    CallReports,
    CallStatusSubscriptions,
    CallEventStreams,
    CallStatusNotifier,
    CallReconciliation,
    CallEventLocator,
    VapiStatusUpdateHandler,
    VapiEndOfCallReportHandler,
    TwilioCallStatusHandler,
    CallsProcessor,
  ],
  exports: [CallsService, CallStatusNotifier, CallReports, CallMetrics, CallsRetention],
})
export class CallsModule {}
