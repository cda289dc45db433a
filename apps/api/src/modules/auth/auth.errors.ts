import { defineError } from '../../common/errors/domain-error';

// Also used here, from common: Unauthenticated (401 AUTH.UNAUTHENTICATED), Forbidden (403 AUTH.FORBIDDEN),
// NotFound (404 NOT_FOUND), RateLimited (429 RATE_LIMITED).
export class TokenInvalid extends defineError('AUTH.TOKEN_INVALID', 401, 'This sign-in link is not valid') {}
export class TokenExpired extends defineError('AUTH.TOKEN_EXPIRED', 401, 'This sign-in link has expired') {}
export class AccountSuspended extends defineError('AUTH.SUSPENDED', 403, 'This account is suspended') {}
export class CsrfRejected extends defineError('AUTH.CSRF', 403, 'Missing or wrong CSRF token') {}
