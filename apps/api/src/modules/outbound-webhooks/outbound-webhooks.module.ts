import { OutboundWebhooksRetention } from './outbound-webhooks-retention.service';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { IdempotencyModule } from '../../common/idempotency/idempotency.module';
import { AppConfig } from '../../config/app-config';
import { DnsHostResolver, HostResolver, WebhookSender } from './delivery/webhook-sender';
import { SecretBox } from '../../common/secret-box';
import { OutboundEvent } from './entities/outbound-event.entity';
import { WebhookDeliveryAttemptRow } from './entities/webhook-delivery-attempt.entity';
import { WebhookDelivery } from './entities/webhook-delivery.entity';
import { WebhookEndpointSecret } from './entities/webhook-endpoint-secret.entity';
import { WebhookEndpointRow } from './entities/webhook-endpoint.entity';
import { OutboundWebhooksProcessor } from './jobs/outbound-webhooks.processor';
import { OutboundEventsService } from './outbound-events.service';
import { WebhookDeliveriesRepository } from './persistence/webhook-deliveries.repository';
import { WebhookEndpointsRepository } from './persistence/webhook-endpoints.repository';
import { WebhookDeliverySweeper } from './webhook-delivery-sweeper.service';
import { WebhookDeliveryService } from './webhook-delivery.service';
import { WebhookEndpointsController } from './webhook-endpoints.controller';
import { WebhookEndpointsService } from './webhook-endpoints.service';

/**
 * Outbound webhooks: a business's endpoints, the outbox other modules write events to
 * (OutboundEventsService, in their own transactions), signed deliveries with retries, the delivery
 * log and replays. Sits just above auth, so that calls, businesses and leads can all record events.
 * See README.md.
 */
@Module({
  imports: [TypeOrmModule.forFeature([WebhookEndpointRow, WebhookEndpointSecret, OutboundEvent, WebhookDelivery, WebhookDeliveryAttemptRow]), IdempotencyModule],
  controllers: [WebhookEndpointsController],
  providers: [
    OutboundWebhooksRetention,
    WebhookEndpointsRepository,
    WebhookDeliveriesRepository,
    { provide: SecretBox, inject: [AppConfig], useFactory: (config: AppConfig) => new SecretBox({ webhookSecretsKey: config.env.WEBHOOK_SECRETS_KEY, sessionSecret: config.env.SESSION_SECRET }) },
    { provide: HostResolver, useClass: DnsHostResolver },
    WebhookSender,
    OutboundEventsService,
    WebhookEndpointsService,
    WebhookDeliveryService,
    WebhookDeliverySweeper,
    OutboundWebhooksProcessor,
  ],
  exports: [OutboundEventsService, OutboundWebhooksRetention],
})
export class OutboundWebhooksModule {}
