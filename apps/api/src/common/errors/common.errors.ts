import { defineError } from './domain-error';

export class ValidationFailed extends defineError('VALIDATION.FAILED', 400, 'The request is not valid') {}
export class MalformedBody extends defineError('REQUEST.MALFORMED_BODY', 400, 'The request body could not be parsed') {}
export class PayloadTooLarge extends defineError('REQUEST.PAYLOAD_TOO_LARGE', 413, 'The request body is too large') {}
export class UnsupportedMediaType extends defineError('REQUEST.UNSUPPORTED_MEDIA_TYPE', 415, 'Unsupported content type') {}
export class NotFound extends defineError('NOT_FOUND', 404, 'Not found') {}
export class Unauthenticated extends defineError('AUTH.UNAUTHENTICATED', 401, 'Authentication required') {}
export class Forbidden extends defineError('AUTH.FORBIDDEN', 403, 'Forbidden') {}
export class RateLimited extends defineError('RATE_LIMITED', 429, 'Too many requests') {}
export class InvalidCursor extends defineError('PAGINATION.INVALID_CURSOR', 400, 'The cursor is not valid') {}
