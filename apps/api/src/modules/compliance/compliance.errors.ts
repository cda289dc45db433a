import { defineError } from '../../common/errors/domain-error';

export class InvalidPhoneNumber extends defineError('COMPLIANCE.INVALID_PHONE') {}
export class AlreadyOnDncList extends defineError('COMPLIANCE.ALREADY_ON_DNC_LIST') {}
export class DncEntryNotFound extends defineError('COMPLIANCE.DNC_ENTRY_NOT_FOUND') {}
export class ConsumerOptOutProtected extends defineError('COMPLIANCE.CONSUMER_OPT_OUT') {}
export class BusinessRequired extends defineError('COMPLIANCE.BUSINESS_REQUIRED') {}
export class InvalidConsent extends defineError('COMPLIANCE.INVALID_CONSENT') {}
export class DecisionNotLinkable extends defineError('COMPLIANCE.DECISION_NOT_LINKABLE') {}
export class ComplianceUnavailable extends defineError('COMPLIANCE.UNAVAILABLE') {}
