// The webhooks module's public surface: what other modules may import (nothing else in this folder).
export { WebhooksModule } from './webhooks.module';
export {
  PermanentWebhookError,
  WebhookHandler,
  WebhookPreparation,
  WebhookReply,
  WebhookResponder,
  type WebhookEventView,
  type WebhookHandlerContext,
  type WebhookHandlerResult,
} from './webhook-handler.registry';
export { WEBHOOK_EVENT_TYPES, type WebhookEventType } from './webhook-events';
/** Processes a stored event now (`trigger: 'replay'`), e.g. events that waited for something that now exists. */
export { WebhookDispatcher, type DispatchOutcome } from './webhook-dispatcher.service';
/** Prunes stored events past their periods (the retention job runs it). */
export { WebhookRetention } from './webhook-retention.service';
/** The table of webhook handlers (docs/MAP.md lists it). */
export { WebhookHandlerRegistry } from './webhook-handler.registry';
/** Staff's view of stored events (the admin module's search uses it). */
export { WebhookInspector } from './webhook-inspector.service';
/** Staff pages' DTOs (the admin module's health page composes them). */
export { WebhookEventPageDto, WebhookEventSummaryDto } from './dto/webhook-event.dto';
