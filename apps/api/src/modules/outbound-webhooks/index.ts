// The outbound-webhooks module's public surface: what other modules may import (nothing else in this folder).
export { OutboundWebhooksModule } from './outbound-webhooks.module';
export { OutboundEventsService, type OutboundEventInput } from './outbound-events.service';
export { OutboundWebhooksRetention } from './outbound-webhooks-retention.service';
export { WEBHOOKS_GUIDE } from './webhooks-guide';
