import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { CallsModule } from '../calls/calls.module';
import { AbuseEventsController } from './abuse-events.controller';
import { AbuseLog } from './abuse-log';
import { AbuseEvent } from './entities/abuse-event.entity';
import { PhoneVerification } from './entities/phone-verification.entity';
import { Trial } from './entities/trial.entity';
import { PhoneVerificationService } from './phone-verification.service';
import { TrialAssistants } from './trial-assistants';
import { TrialCallsService } from './trial-calls.service';
import { TrialExpiry } from './trial-expiry';
import { TrialsController } from './trials.controller';
import { TrialsService } from './trials.service';

/** The trial: persona, phone verification, "Call me now", abuse prevention, expiry. See README.md. */
@Module({
  imports: [TypeOrmModule.forFeature([Trial, PhoneVerification, AbuseEvent]), CallsModule],
  controllers: [TrialsController, AbuseEventsController],
  providers: [TrialsService, PhoneVerificationService, TrialAssistants, TrialCallsService, TrialExpiry, AbuseLog],
  exports: [TrialsService, AbuseLog],
})
export class TrialsModule {}
