import { defineError } from '../../common/errors/domain-error';

export class InvalidPhoneNumber extends defineError('COMPLIANCE.INVALID_PHONE', 400, 'The phone number is not a valid E.164 number') {}
export class AlreadyOnDncList extends defineError('COMPLIANCE.ALREADY_ON_DNC_LIST', 409, 'The number is already on this do-not-call list') {}
export class DncEntryNotFound extends defineError('COMPLIANCE.DNC_ENTRY_NOT_FOUND', 404, 'No such active do-not-call entry on this list') {}
export class BusinessRequired extends defineError('COMPLIANCE.BUSINESS_REQUIRED', 400, 'Name the business (businessId) to evaluate for') {}
export class InvalidConsent extends defineError('COMPLIANCE.INVALID_CONSENT', 400, 'The consent evidence is incomplete') {}
export class DecisionNotLinkable extends defineError('COMPLIANCE.DECISION_NOT_LINKABLE', 409, 'This decision did not allow a call, or allowed another one') {}
export class ComplianceUnavailable extends defineError('COMPLIANCE.UNAVAILABLE', 503, 'The compliance check cannot run right now; try again in a moment') {}
