import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CallReconciliation } from './call-reconciliation';
import { CallStatusNotifier } from './call-status-notifier';
import { CallWebhookHandlers } from './call-webhook-handlers';
import { CallsService } from './calls.service';
import { Call } from './entities/call.entity';
import { NoopOptOutRecorder, OPT_OUT_RECORDER_IN_USE, OptOutRecorder } from './opt-out-recorder';

@Module({
  imports: [TypeOrmModule.forFeature([Call])],
  providers: [
    CallsService,
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
  exports: [CallsService, CallStatusNotifier],
})
export class CallsModule {}
