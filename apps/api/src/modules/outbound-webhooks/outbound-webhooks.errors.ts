import { defineError } from '../../common/errors/domain-error';

// Also used here, from common: NotFound (404: no such endpoint or delivery, or not this business's),
// ValidationFailed (400), InvalidCursor (400).
export class WebhookUrlNotAllowed extends defineError('OUTBOUND_WEBHOOKS.URL_NOT_ALLOWED') {}
export class WebhookEndpointLimit extends defineError('OUTBOUND_WEBHOOKS.ENDPOINT_LIMIT') {}
export class WebhookEndpointDisabled extends defineError('OUTBOUND_WEBHOOKS.ENDPOINT_DISABLED') {}
