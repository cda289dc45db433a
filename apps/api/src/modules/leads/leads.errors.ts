import { defineError } from '../../common/errors/domain-error';

// Also used here, from common: NotFound (404: no such form or lead, or not yours), ValidationFailed
// (400: a field of a form or a submission), RateLimited (429: submissions per form and per IP);
// from common/idempotency: IDEMPOTENCY.KEY_REUSED (422), IDEMPOTENCY.KEY_INVALID (400).
export class InvalidLeadPhone extends defineError('LEADS.INVALID_PHONE') {}
export class OriginNotAllowed extends defineError('LEADS.ORIGIN_NOT_ALLOWED') {}
export class ConsentRequired extends defineError('LEADS.CONSENT_REQUIRED') {}
export class FormLimitReached extends defineError('LEADS.FORM_LIMIT') {}
