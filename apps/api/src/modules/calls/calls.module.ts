import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CallEventStreams } from './call-event-streams';
import { CallReconciliation } from './call-reconciliation';
import { CallReports } from './call-reports';
import { CallStatusSubscriptions } from './call-status-subscriptions';
import { CallStatusNotifier } from './call-status-notifier';
import { CallWebhookHandlers } from './call-webhook-handlers';
import { CallsController } from './calls.controller';
import { CallsService } from './calls.service';
import { Call } from './entities/call.entity';
import { NoopOptOutRecorder, OPT_OUT_RECORDER_IN_USE, OptOutRecorder } from './opt-out-recorder';

@Module({
  imports: [TypeOrmModule.forFeature([Call])],
  controllers: [CallsController],
  providers: [
    CallsService,
    CallReports,
    CallStatusSubscriptions,
    CallEventStreams,
    CallStatusNotifier,
    CallWebhookHandlers,
    CallReconciliation,
    {
      // The compliance module's recorder when it binds OptOutRecorder globally; a logging no-op otherwise.
      provide: OPT_OUT_RECORDER_IN_USE,
      useFactory: (bound?: OptOutRecorder) => bound ?? new NoopOptOutRecorder(),
      inject: [{ token: OptOutRecorder, optional: true }],
    },
  ],
  exports: [CallsService, CallStatusNotifier, CallReports],
})
export class CallsModule {}
