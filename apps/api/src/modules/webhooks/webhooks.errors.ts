import { defineError } from '../../common/errors/domain-error';

export class InvalidWebhookSignature extends defineError('WEBHOOKS.INVALID_SIGNATURE', 401, 'The webhook signature is not valid') {}
export class MalformedWebhookPayload extends defineError('WEBHOOKS.MALFORMED_PAYLOAD', 400, 'The webhook body could not be parsed') {}
export class WebhookStoreUnavailable extends defineError('WEBHOOKS.STORE_UNAVAILABLE', 503, 'The webhook could not be stored; deliver it again') {}
export class WebhookEventNotFound extends defineError('WEBHOOKS.EVENT_NOT_FOUND', 404, 'No such webhook event') {}
export class WebhookEventBusy extends defineError('WEBHOOKS.EVENT_BUSY', 409, 'The webhook event is being processed right now') {}
