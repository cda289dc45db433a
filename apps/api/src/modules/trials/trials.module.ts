import { TrialsRetention } from './trials-retention.service';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdempotencyModule } from '../../common/idempotency/idempotency.module';
import { CallsModule } from '../calls';
import { AbuseEventsController } from './abuse-events.controller';
import { AdminTrialBlocksController } from './admin-trial-blocks.controller';
import { AbuseLog } from './abuse-log.service';
import { AbuseEvent } from './entities/abuse-event.entity';
import { PhoneVerification } from './entities/phone-verification.entity';
import { TrialBlockRecord } from './entities/trial-block.entity';
import { Trial } from './entities/trial.entity';
import { TrialsProcessor } from './jobs/trials.processor';
import { AbuseEventsRepository } from './persistence/abuse-events.repository';
import { PhoneVerificationsRepository } from './persistence/phone-verifications.repository';
import { TrialBlocksRepository } from './persistence/trial-blocks.repository';
import { TrialsRepository } from './persistence/trials.repository';
import { PhoneVerificationService } from './phone-verification.service';
import { TrialAssistants } from './trial-assistants.service';
import { TrialBlocksService } from './trial-blocks.service';
import { TrialCallsService } from './trial-calls.service';
import { TrialExpiry } from './trial-expiry.service';
import { TrialStartService } from './trial-start.service';
import { TrialsController } from './trials.controller';
import { TrialsService } from './trials.service';

/** The trial: persona, phone verification, "Call me now", abuse prevention, expiry. See README.md. */
@Module({
  imports: [TypeOrmModule.forFeature([Trial, PhoneVerification, AbuseEvent, TrialBlockRecord]), CallsModule, IdempotencyModule],
  controllers: [TrialsController, AbuseEventsController, AdminTrialBlocksController],
  providers: [
    TrialsRepository,
    PhoneVerificationsRepository,
    AbuseEventsRepository,
    TrialsRetention,
    TrialBlocksRepository,
    TrialBlocksService,
    TrialsService,
    TrialStartService,
    PhoneVerificationService,
    TrialAssistants,
    TrialCallsService,
    TrialExpiry,
    AbuseLog,
    TrialsProcessor,
  ],
  exports: [TrialsService, AbuseLog, TrialsRetention],
})
export class TrialsModule {}
