import { defineError } from '../../common/errors/domain-error';

export class TrialNotFound extends defineError('BILLING.TRIAL_NOT_FOUND', 404, 'No such trial') {}
export class TrialAlreadyConverted extends defineError('BILLING.TRIAL_CONVERTED', 409, 'This trial already went live') {}
export class NoSubscription extends defineError('BILLING.NO_SUBSCRIPTION', 409, 'The business has no Stripe subscription') {}
export class AlreadyAMember extends defineError('BUSINESSES.ALREADY_A_MEMBER', 409, 'This person is already on the team') {}
export class LastOwner extends defineError('BUSINESSES.LAST_OWNER', 409, 'A business needs at least one owner') {}
export class MemberNotFound extends defineError('BUSINESSES.MEMBER_NOT_FOUND', 404, 'No such team member') {}
export class InvalidDateRange extends defineError('BUSINESSES.INVALID_DATE_RANGE', 400, 'The date range is not valid') {}
