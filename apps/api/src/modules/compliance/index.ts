// The compliance module's public surface: what other modules may import (nothing else in this folder).
export { ComplianceModule } from './compliance.module';
export { ComplianceUnavailable } from './compliance.errors';
export { ComplianceService, type CallCheck, type CallCheckRequest, type CheckChain } from './compliance.service';
export { ConsentLedgerService, type ConsentEvidence } from './consent-ledger.service';
export { DoNotCallService } from './do-not-call.service';
export { OptOutService, type InCallOptOut, type OptOutResult } from './opt-outs.service';
export { toE164 } from './phone';
export { callablePhoneE164, phoneRefusalOf, type PhoneRefusal } from './callable-phone';
export type { ComplianceDecisionRecord, DecisionOutcome } from './entities/compliance-decision.entity';
