import { defineError } from '../../common/errors/domain-error';

// Also used here, from common: NotFound (404 NOT_FOUND: not a trial of yours), RateLimited (429 RATE_LIMITED,
// per-IP trial creation); and from integrations: PROVIDERS.UNAVAILABLE (503) when the voice or SMS provider is down.
export class InvalidTrialPhone extends defineError('TRIALS.INVALID_PHONE', 400, 'Enter a valid US or Canadian phone number') {}
export class DisposableEmailRefused extends defineError('TRIALS.DISPOSABLE_EMAIL', 403, 'Trials need a permanent email address') {}
export class PhoneTrialLimit extends defineError('TRIALS.PHONE_LIMIT', 409, 'This phone number has already been used for the maximum number of trials') {}
export class UserTrialLimit extends defineError('TRIALS.USER_LIMIT', 409, 'You have used all your trials') {}

export class PhoneAlreadyVerified extends defineError('TRIALS.ALREADY_VERIFIED', 409, 'This phone number is already verified') {}
export class NoCodeSent extends defineError('TRIALS.NO_CODE_SENT', 409, 'Ask for a verification code first') {}
export class CodeInvalid extends defineError('TRIALS.CODE_INVALID', 400, 'That code is not right') {}
export class CodeExpired extends defineError('TRIALS.CODE_EXPIRED', 400, 'That code has expired') {}
export class VerificationLocked extends defineError('TRIALS.VERIFICATION_LOCKED', 429, 'Too many wrong codes') {}
export class ResendTooSoon extends defineError('TRIALS.RESEND_TOO_SOON', 429, 'A code was sent moments ago') {}

export class PhoneNotVerified extends defineError('TRIALS.PHONE_NOT_VERIFIED', 409, 'Verify your phone number before the agent calls it') {}
export class TrialExpired extends defineError('TRIALS.EXPIRED', 409, 'This trial has ended') {}
export class TrialConverted extends defineError('TRIALS.CONVERTED', 409, 'This trial became a business; call from the dashboard') {}
export class CallLimitReached extends defineError('TRIALS.CALL_LIMIT_REACHED', 409, 'All the calls of this trial are used') {}
export class CallInProgress extends defineError('TRIALS.CALL_IN_PROGRESS', 409, 'A call of this trial is still going') {}
export class NumberBlocked extends defineError('TRIALS.NUMBER_BLOCKED', 403, 'This number may not be called') {}
export class CallDeferred extends defineError('TRIALS.CALL_DEFERRED', 429, 'The agent cannot call right now') {}
