import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AdminDncController } from './admin-dnc.controller';
import { ComplianceController } from './compliance.controller';
import { ComplianceService } from './compliance.service';
import { ConsentLedgerService } from './consent-ledger.service';
import { ConsentsController } from './consents.controller';
import { DncController } from './dnc.controller';
import { DoNotCallService } from './do-not-call.service';
import { ComplianceDecisionRecord } from './entities/compliance-decision.entity';
import { ConsentRecord } from './entities/consent-record.entity';
import { DncEntry } from './entities/dnc-entry.entity';
import { OptOutService } from './opt-outs.service';
import { ComplianceFactsReadModel } from './persistence/compliance-facts.read-model';
import { ConsentsRepository } from './persistence/consents.repository';
import { DecisionsRepository } from './persistence/decisions.repository';
import { DncRepository } from './persistence/dnc.repository';
import { ProviderCallSlots } from './provider-call-slots';
import { IdempotencyModule } from '../../common/idempotency/idempotency.module';

/**
 * Compliance: do-not-call lists, the consent ledger, velocity, the decision log. Global, because
 * every module that places a call asks ComplianceService first. See README.md.
 */
@Global()
@Module({
  imports: [TypeOrmModule.forFeature([DncEntry, ConsentRecord, ComplianceDecisionRecord]), IdempotencyModule],
  controllers: [ComplianceController, DncController, AdminDncController, ConsentsController],
  providers: [
    DncRepository,
    ConsentsRepository,
    DecisionsRepository,
    ComplianceFactsReadModel,
    ComplianceService,
    ProviderCallSlots,
    DoNotCallService,
    ConsentLedgerService,
    OptOutService,
  ],
  exports: [ComplianceService, DoNotCallService, ConsentLedgerService, OptOutService],
})
export class ComplianceModule {}
