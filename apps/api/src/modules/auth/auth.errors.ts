import { defineError } from '../../common/errors/domain-error';

// Also used here, from common: Unauthenticated (401 AUTH.UNAUTHENTICATED), Forbidden (403 AUTH.FORBIDDEN),
// NotFound (404 NOT_FOUND), RateLimited (429 RATE_LIMITED).
export class TokenInvalid extends defineError('AUTH.TOKEN_INVALID') {}
export class TokenExpired extends defineError('AUTH.TOKEN_EXPIRED') {}
export class AccountSuspended extends defineError('AUTH.SUSPENDED') {}
export class CsrfRejected extends defineError('AUTH.CSRF') {}
