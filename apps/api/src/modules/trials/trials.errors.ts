import { defineError } from '../../common/errors/domain-error';

// Also used here, from common: NotFound (404 NOT_FOUND: not a trial of yours), RateLimited (429 RATE_LIMITED,
// per-IP trial creation); and from integrations: PROVIDERS.UNAVAILABLE (503) when the voice or SMS provider is down.
export class InvalidTrialPhone extends defineError('TRIALS.INVALID_PHONE') {}
export class DisposableEmailRefused extends defineError('TRIALS.DISPOSABLE_EMAIL') {}
export class PhoneTrialLimit extends defineError('TRIALS.PHONE_LIMIT') {}
export class UserTrialLimit extends defineError('TRIALS.USER_LIMIT') {}

export class PhoneAlreadyVerified extends defineError('TRIALS.ALREADY_VERIFIED') {}
export class NoCodeSent extends defineError('TRIALS.NO_CODE_SENT') {}
export class CodeInvalid extends defineError('TRIALS.CODE_INVALID') {}
export class CodeExpired extends defineError('TRIALS.CODE_EXPIRED') {}
export class VerificationLocked extends defineError('TRIALS.VERIFICATION_LOCKED') {}
export class ResendTooSoon extends defineError('TRIALS.RESEND_TOO_SOON') {}

export class PhoneNotVerified extends defineError('TRIALS.PHONE_NOT_VERIFIED') {}
export class TrialExpired extends defineError('TRIALS.EXPIRED') {}
export class TrialConverted extends defineError('TRIALS.CONVERTED') {}
export class CallLimitReached extends defineError('TRIALS.CALL_LIMIT_REACHED') {}
export class CallInProgress extends defineError('TRIALS.CALL_IN_PROGRESS') {}
export class NumberBlocked extends defineError('TRIALS.NUMBER_BLOCKED') {}
export class CallDeferred extends defineError('TRIALS.CALL_DEFERRED') {}

export class TrialsBlocked extends defineError('TRIALS.BLOCKED') {}
export class TrialBlockExists extends defineError('TRIALS.BLOCK_EXISTS') {}
export class TrialBlockNotFound extends defineError('TRIALS.BLOCK_NOT_FOUND') {}
export class InvalidTrialBlock extends defineError('TRIALS.INVALID_BLOCK') {}
