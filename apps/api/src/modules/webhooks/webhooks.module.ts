import { WebhookRetention } from './webhook-retention.service';
import { Injectable, Module } from '@nestjs/common';
import { DiscoveryModule, HttpAdapterHost } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { FastifyInstance } from 'fastify';
import { WebhookEvent } from './entities/webhook-event.entity';
import { WebhookEventAttempt } from './entities/webhook-event-attempt.entity';
import { WebhooksProcessor } from './jobs/webhooks.processor';
import { installRawWebhookBodies } from './raw-body';
import { WebhookDispatcher } from './webhook-dispatcher.service';
import { WebhookEventStore } from './webhook-event-store.service';
import { WebhookHandlerRegistry } from './webhook-handler.registry';
import { WebhookInspector } from './webhook-inspector.service';
import { WebhookInspectorController } from './webhook-inspector.controller';
import { WebhookReceiver } from './webhook-receiver.service';
import { WebhookMetrics } from './webhook-metrics';
import { WebhookSweeper } from './webhook-sweeper.service';
import { WebhooksController } from './webhooks.controller';
import { WebhooksRepository } from './webhooks.repository';

/** The same 1 MB as the app's body limit; larger webhook bodies are answered 413. */
export const WEBHOOK_BODY_LIMIT_BYTES = 1024 * 1024;

/** Gives webhook routes their raw bodies; built while Nest creates providers, i.e. before routes exist. */
@Injectable()
class WebhookRawBodies {
  constructor(host: HttpAdapterHost) {
    const adapter = host.httpAdapter;
    // The worker has no HTTP server.
    if (adapter?.getType() === 'fastify') installRawWebhookBodies(adapter.getInstance<FastifyInstance>(), WEBHOOK_BODY_LIMIT_BYTES);
  }
}

/**
 * Provider webhooks in: verified, stored, processed once by the handler of the module that owns
 * the effect (see README.md). Other modules declare handlers with @WebhookHandler; they need not
 * import this module.
 */
@Module({
  imports: [DiscoveryModule, TypeOrmModule.forFeature([WebhookEvent, WebhookEventAttempt])],
  controllers: [WebhooksController, WebhookInspectorController],
  providers: [
    WebhookRawBodies,
    WebhooksRepository,
    WebhookHandlerRegistry,
    WebhookEventStore,
    WebhookReceiver,
    WebhookDispatcher,
    WebhookSweeper,
    WebhookMetrics,
    WebhookInspector,
    WebhooksProcessor,
    WebhookRetention,
  ],
  exports: [WebhookHandlerRegistry, WebhookDispatcher, WebhookEventStore, WebhookInspector, WebhookRetention],
})
export class WebhooksModule {}
