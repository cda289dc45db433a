import { defineError } from '../../common/errors/domain-error';

export class InvalidWebhookSignature extends defineError('WEBHOOKS.INVALID_SIGNATURE') {}
export class MalformedWebhookPayload extends defineError('WEBHOOKS.MALFORMED_PAYLOAD') {}
export class WebhookStoreUnavailable extends defineError('WEBHOOKS.STORE_UNAVAILABLE') {}
export class WebhookEventNotFound extends defineError('WEBHOOKS.EVENT_NOT_FOUND') {}
export class WebhookEventBusy extends defineError('WEBHOOKS.EVENT_BUSY') {}
export class WebhookPayloadPruned extends defineError('WEBHOOKS.PAYLOAD_PRUNED') {}
