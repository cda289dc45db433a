import { defineError } from '../../common/errors/domain-error';

export class TrialNotFound extends defineError('BILLING.TRIAL_NOT_FOUND') {}
export class TrialAlreadyConverted extends defineError('BILLING.TRIAL_CONVERTED') {}
export class NoSubscription extends defineError('BILLING.NO_SUBSCRIPTION') {}
export class SamePlan extends defineError('BILLING.SAME_PLAN') {}
export class SubscriptionStillActive extends defineError('BILLING.SUBSCRIPTION_ACTIVE') {}
export class PlanChangePreviewExpired extends defineError('BILLING.PREVIEW_EXPIRED') {}
export class AlreadyAMember extends defineError('BUSINESSES.ALREADY_A_MEMBER') {}
export class LastOwner extends defineError('BUSINESSES.LAST_OWNER') {}
export class MemberNotFound extends defineError('BUSINESSES.MEMBER_NOT_FOUND') {}
export class InvalidDateRange extends defineError('BUSINESSES.INVALID_DATE_RANGE') {}
export class NoPlanOverride extends defineError('BUSINESSES.NO_PLAN_OVERRIDE') {}
export class NoVerifiedPhone extends defineError('BUSINESSES.NO_VERIFIED_PHONE') {}
export class BusinessNotLive extends defineError('BUSINESSES.NOT_LIVE') {}
