import { defineError } from './domain-error';

export class ValidationFailed extends defineError('VALIDATION.FAILED') {}
export class PayloadTooLarge extends defineError('REQUEST.PAYLOAD_TOO_LARGE') {}
export class NotFound extends defineError('NOT_FOUND') {}
export class Unauthenticated extends defineError('AUTH.UNAUTHENTICATED') {}
export class Forbidden extends defineError('AUTH.FORBIDDEN') {}
export class RateLimited extends defineError('RATE_LIMITED') {}
export class RateLimitsUnavailable extends defineError('RATE_LIMITS.UNAVAILABLE') {}
export class InvalidCursor extends defineError('PAGINATION.INVALID_CURSOR') {}
