import { Injectable, Module } from '@nestjs/common';
import { DiscoveryModule, NestFactory } from '@nestjs/core';
import { WebhookHandler, WebhookHandlerRegistry, WebhookRegistryError, WebhookResponder } from './webhook-handler.registry';

@Injectable()
class CallsLike {
  @WebhookHandler('vapi', 'status-update')
  async statusUpdate(): Promise<void> {}

  @WebhookResponder('vapi', 'assistant-request')
  async assistant(): Promise<unknown> {
    return { assistantId: 'a1' };
  }
}

@Injectable()
class Duplicate {
  @WebhookHandler('vapi', 'status-update')
  async again(): Promise<void> {}
}

const opened: { close(): Promise<void> }[] = [];
afterAll(async () => Promise.all(opened.map((app) => app.close())));

async function registry(...providers: (new (...args: never[]) => unknown)[]): Promise<WebhookHandlerRegistry> {
  @Module({ imports: [DiscoveryModule], providers: [WebhookHandlerRegistry, ...providers] })
  class RegistryTestModule {}
  const app = await NestFactory.createApplicationContext(RegistryTestModule, { logger: false, abortOnError: false });
  opened.push(app);
  return app.get(WebhookHandlerRegistry);
}

describe('webhook handler registry', () => {
  it('finds decorated handlers and responders by (provider, type)', async () => {
    const handlers = await registry(CallsLike);
    expect(handlers.handlerFor('vapi', 'status-update')).toBeInstanceOf(Function);
    expect(handlers.handlerFor('stripe', 'status-update')).toBeUndefined();
    expect(await handlers.responderFor('vapi', 'assistant-request')!({}, { id: null, eventId: 'x', eventType: 'assistant-request' })).toEqual({ assistantId: 'a1' });
    expect(handlers.list().map((h) => `${h.kind} ${h.provider}/${h.type} ${h.where}`)).toEqual([
      'handler vapi/status-update CallsLike.statusUpdate',
      'responder vapi/assistant-request CallsLike.assistant',
    ]);
  });

  it('refuses to start with two handlers for one key, naming both', async () => {
    await expect(registry(CallsLike, Duplicate)).rejects.toThrow(WebhookRegistryError);
    await expect(registry(CallsLike, Duplicate)).rejects.toThrow(/CallsLike\.statusUpdate and Duplicate\.again/);
  });

  it('registers and unregisters by code', async () => {
    const handlers = await registry();
    const fn = async () => undefined;
    handlers.register('stripe', 'invoice.paid', fn);
    expect(() => handlers.register('stripe', 'invoice.paid', fn)).toThrow(WebhookRegistryError);
    handlers.unregister('stripe', 'invoice.paid');
    expect(handlers.handlerFor('stripe', 'invoice.paid')).toBeUndefined();
  });
});
