import { Global, Module } from '@nestjs/common';
import { OptOutRecorder } from '../calls/opt-out-recorder';
import { AdminDncController } from './admin-dnc.controller';
import { ComplianceController } from './compliance.controller';
import { ComplianceService } from './compliance.service';
import { ConsentLedgerService } from './consent-ledger.service';
import { ConsentsController } from './consents.controller';
import { DeferredCallJobs, DeferredCallPlacers } from './deferred-calls';
import { DncController } from './dnc.controller';
import { DoNotCallService } from './do-not-call.service';
import { ComplianceOptOutRecorder, OptOutService } from './opt-outs';
import { ProviderCallSlots } from './provider-call-slots';

/**
 * Compliance: do-not-call lists, the consent ledger, velocity, the decision log, deferrals.
 * Global, because every module that places a call asks ComplianceService first, and because it
 * binds the calls module's OptOutRecorder (end-of-call opt-outs land on the DNC list). See README.md.
 */
@Global()
@Module({
  controllers: [ComplianceController, DncController, AdminDncController, ConsentsController],
  providers: [
    ComplianceService,
    ProviderCallSlots,
    DoNotCallService,
    ConsentLedgerService,
    OptOutService,
    DeferredCallPlacers,
    DeferredCallJobs,
    ComplianceOptOutRecorder,
    { provide: OptOutRecorder, useExisting: ComplianceOptOutRecorder },
  ],
  exports: [ComplianceService, DoNotCallService, ConsentLedgerService, OptOutService, DeferredCallPlacers, OptOutRecorder],
})
export class ComplianceModule {}
