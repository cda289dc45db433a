import { defineError } from '../errors/domain-error';

export class IdempotencyKeyReused extends defineError('IDEMPOTENCY.KEY_REUSED') {}
export class IdempotencyKeyInvalid extends defineError('IDEMPOTENCY.KEY_INVALID') {}
