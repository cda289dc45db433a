import { defineError } from '../../common/errors/domain-error';

// Also used here, from common: NotFound (404: no such business), ValidationFailed (400: a range, a body).
/** An unsubscribe token that is malformed or that we never issued. */
export class UnsubscribeLinkInvalid extends defineError('ANALYTICS.UNSUBSCRIBE_LINK_INVALID') {}
