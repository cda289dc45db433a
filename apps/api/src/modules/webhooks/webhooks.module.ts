import { Injectable, Module } from '@nestjs/common';
import { DiscoveryModule, HttpAdapterHost } from '@nestjs/core';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { FastifyInstance } from 'fastify';
import { WebhookEvent } from './entities/webhook-event.entity';
import { WebhookEventAttempt } from './entities/webhook-event-attempt.entity';
import { installRawWebhookBodies } from './raw-body';
import { WebhookDispatcher } from './webhook-dispatcher';
import { WebhookEventStore } from './webhook-event-store';
import { WebhookHandlers } from './webhook-handlers';
import { WebhookInspector } from './webhook-inspector';
import { WebhookInspectorController } from './webhook-inspector.controller';
import { WebhookReceiver } from './webhook-receiver';
import { WebhookSweeper } from './webhook-sweeper';
import { WebhooksController } from './webhooks.controller';

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

@Module({
  imports: [DiscoveryModule, TypeOrmModule.forFeature([WebhookEvent, WebhookEventAttempt])],
  controllers: [WebhooksController, WebhookInspectorController],
  providers: [WebhookRawBodies, WebhookHandlers, WebhookEventStore, WebhookReceiver, WebhookDispatcher, WebhookSweeper, WebhookInspector],
  exports: [WebhookHandlers, WebhookDispatcher, WebhookSweeper, WebhookEventStore],
})
export class WebhooksModule {}
