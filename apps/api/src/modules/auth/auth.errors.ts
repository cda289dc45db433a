import { defineError } from '../../common/errors/domain-error';

// Also used here, from common: Unauthenticated (401 AUTH.UNAUTHENTICATED), Forbidden (403 AUTH.FORBIDDEN),
// NotFound (404 NOT_FOUND), RateLimited (429 RATE_LIMITED).
export class TokenInvalid extends defineError('AUTH.TOKEN_INVALID') {}
export class TokenExpired extends defineError('AUTH.TOKEN_EXPIRED') {}
export class AccountSuspended extends defineError('AUTH.SUSPENDED') {}
export class CsrfRejected extends defineError('AUTH.CSRF') {}
/** A trial session (the email not yet proven by its magic link) asked for more than its trial. */
export class EmailNotVerified extends defineError('AUTH.EMAIL_NOT_VERIFIED') {}
export class UserNotFound extends defineError('AUTH.USER_NOT_FOUND') {}
export class AlreadySuspended extends defineError('AUTH.ALREADY_SUSPENDED') {}
export class NotSuspended extends defineError('AUTH.NOT_SUSPENDED') {}
export class CannotSuspendSelf extends defineError('AUTH.CANNOT_SUSPEND_SELF') {}

/** AUTH.SUSPENDED with staff's reason, which the sign-in page shows (`reason` in the problem body). */
export function accountSuspended(reason: string | null): InstanceType<typeof AccountSuspended> {
  return new AccountSuspended(
    reason ? `This account is suspended: ${reason}. Write to support if you think this is a mistake.` : 'This account is suspended. Write to support if you think this is a mistake.',
    { reason },
  );
}
