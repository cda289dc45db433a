import { Injectable, OnApplicationBootstrap, SetMetadata } from '@nestjs/common';
import { DiscoveryService, MetadataScanner, Reflector } from '@nestjs/core';
import type { Provider } from '@beaker/contracts';
import type { Tx } from '../../database/database';
import type { WebhookEventType } from './webhook-events';

/** The stored event as a handler sees it. */
export interface WebhookEventView<P = unknown> {
  id: string;
  provider: Provider;
  eventId: string;
  eventType: string;
  payload: P;
  receivedAt: Date;
  /** This attempt's number, from 1. */
  attempt: number;
}

export interface WebhookHandlerContext<P = unknown> {
  event: WebhookEventView<P>;
  /**
   * The processing transaction: pass it to every repository method that writes an effect, so the
   * effects and the event's "completed" commit together and an event's effects happen exactly
   * once (a crash rolls both back).
   */
  tx: Tx;
  /** Side effects outside the database (pub/sub, notifications) run only once the transaction committed. */
  afterCommit(effect: () => unknown): void;
  /** 'replay': an admin asked for it again (handlers are idempotent, so it is harmless). */
  trigger: 'queue' | 'replay';
  /** What the (provider, type)'s {@link WebhookPreparation} answered before the transaction opened (undefined without one). */
  prepared?: unknown;
}

/** Return 'ignored' when the event needs nothing from us (it completes as ignored). */
export type WebhookHandlerResult = void | 'ignored';
export type WebhookHandlerFn<P = unknown> = (context: WebhookHandlerContext<P>) => Promise<WebhookHandlerResult>;

/**
 * Runs before the processing transaction opens, and is the place for what a handler needs from a
 * provider (e.g. Stripe's current view of a subscription): no provider call waits inside a
 * transaction. It runs on every attempt, may not write (its effects would not be rolled back), and
 * its answer is the handler's `ctx.prepared`; what it throws fails the attempt like the handler's.
 */
export type WebhookPreparationFn<P = unknown> = (event: WebhookEventView<P>) => Promise<unknown>;

/** A synchronous answer to the provider (Vapi's assistant-request, tool-calls), computed after the event is stored. */
export type WebhookResponderFn<P = unknown> = (payload: P, event: { id: string | null; eventId: string; eventType: string }) => Promise<unknown>;

/** Thrown by a handler when retrying cannot help (bad payload): the event fails at once, kept for replay. */
export class PermanentWebhookError extends Error {}

const WEBHOOK_HANDLER = 'beaker:webhook-handler';
const WEBHOOK_RESPONDER = 'beaker:webhook-responder';
const WEBHOOK_PREPARATION = 'beaker:webhook-preparation';

interface HandlerKey {
  provider: Provider;
  type: string;
}

/**
 * Marks a method of a `*.handler.ts` class as THE handler of one (provider, event type), in the
 * module that owns the effect (call events in calls, billing events in businesses). The type is
 * one of WEBHOOK_EVENT_TYPES. Discovered at start-up; two handlers for one key stop the boot. See
 * modules/webhooks/README.md.
 */
export const WebhookHandler = <P extends Provider>(provider: P, type: WebhookEventType<P>): MethodDecorator =>
  SetMetadata(WEBHOOK_HANDLER, { provider, type } satisfies HandlerKey);

/** Marks the method that prepares one (provider, event type)'s handler outside the transaction ({@link WebhookPreparationFn}). */
export const WebhookPreparation = <P extends Provider>(provider: P, type: WebhookEventType<P>): MethodDecorator =>
  SetMetadata(WEBHOOK_PREPARATION, { provider, type } satisfies HandlerKey);

export interface WebhookResponderOptions {
  /**
   * Process the event (its handler, in its transaction) before answering, instead of leaving it to
   * the queue: for answers that confirm an effect (a STOP by text is on the list before "you are
   * unsubscribed" goes back). A failure then fails the delivery, and the provider sends it again.
   */
  afterProcessing?: boolean;
}

/** Marks a method that answers a delivery synchronously (its return value is the HTTP response body, or a {@link WebhookReply}). */
export const WebhookResponder = <P extends Provider>(provider: P, type: WebhookEventType<P>, options: WebhookResponderOptions = {}): MethodDecorator =>
  SetMetadata(WEBHOOK_RESPONDER, { provider, type, afterProcessing: options.afterProcessing ?? false } satisfies HandlerKey & { afterProcessing: boolean });

/** A responder's answer that is not JSON (Twilio's TwiML): written as is, with its content type. */
export class WebhookReply {
  constructor(
    readonly contentType: string,
    readonly body: string,
  ) {}
}

export class WebhookRegistryError extends Error {}

const keyOf = (provider: string, type: string) => `${provider}/${type}`;

/** The (provider, type) → handler table: decorated methods, plus any registered by code (tests). */
@Injectable()
export class WebhookHandlerRegistry implements OnApplicationBootstrap {
  private readonly handlers = new Map<string, { fn: WebhookHandlerFn; where: string }>();
  private readonly preparations = new Map<string, { fn: WebhookPreparationFn; where: string }>();
  private readonly responders = new Map<string, { fn: WebhookResponderFn; where: string; afterProcessing?: boolean }>();
  private discovered = false;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly scanner: MetadataScanner,
    private readonly reflector: Reflector,
  ) {}

  onApplicationBootstrap(): void {
    this.discover();
  }

  /** Registers a handler by code, for any type string (tests route made-up types); the decorator is the product's way. */
  register<P>(provider: Provider, type: string, fn: WebhookHandlerFn<P>, where = 'register()'): void {
    this.add(this.handlers, provider, type, fn as WebhookHandlerFn, where);
  }

  registerResponder<P>(provider: Provider, type: string, fn: WebhookResponderFn<P>, where = 'registerResponder()'): void {
    this.add(this.responders, provider, type, fn as WebhookResponderFn, where);
  }

  /** Removes a handler registered by code (tests). */
  unregister(provider: Provider, type: string): void {
    this.handlers.delete(keyOf(provider, type));
  }

  handlerFor(provider: string, type: string): WebhookHandlerFn | undefined {
    this.discover();
    return this.handlers.get(keyOf(provider, type))?.fn;
  }

  preparationFor(provider: string, type: string): WebhookPreparationFn | undefined {
    this.discover();
    return this.preparations.get(keyOf(provider, type))?.fn;
  }

  responderFor(provider: string, type: string): WebhookResponderFn | undefined {
    this.discover();
    return this.responders.get(keyOf(provider, type))?.fn;
  }

  /** Whether the responder of this key answers only once the event has been processed. */
  answersAfterProcessing(provider: string, type: string): boolean {
    this.discover();
    return this.responders.get(keyOf(provider, type))?.afterProcessing === true;
  }

  /** Every registered key, for the docs and the admin. */
  list(): { provider: string; type: string; where: string; kind: 'handler' | 'responder' }[] {
    this.discover();
    const rows = (kind: 'handler' | 'responder', map: Map<string, { where: string }>) =>
      [...map].map(([key, v]) => {
        const [provider, ...type] = key.split('/');
        return { provider, type: type.join('/'), where: v.where, kind };
      });
    return [...rows('handler', this.handlers), ...rows('responder', this.responders)];
  }

  private add<F>(map: Map<string, { fn: F; where: string; afterProcessing?: boolean }>, provider: Provider, type: string, fn: F, where: string, afterProcessing?: boolean): void {
    const key = keyOf(provider, type);
    const existing = map.get(key);
    if (existing) throw new WebhookRegistryError(`Two webhook handlers for ${provider} "${type}": ${existing.where} and ${where}`);
    map.set(key, { fn, where, afterProcessing });
  }

  private discover(): void {
    if (this.discovered) return;
    this.discovered = true;
    for (const wrapper of this.discovery.getProviders()) {
      const instance = wrapper.instance as Record<string, unknown> | undefined;
      if (!instance || typeof instance !== 'object' || !wrapper.isDependencyTreeStatic()) continue;
      const proto = Object.getPrototypeOf(instance) as object;
      for (const method of this.scanner.getAllMethodNames(proto)) {
        const fn = instance[method];
        if (typeof fn !== 'function') continue;
        const where = `${instance.constructor.name}.${method}`;
        const handler = this.reflector.get<HandlerKey | undefined>(WEBHOOK_HANDLER, fn);
        if (handler) this.add(this.handlers, handler.provider, handler.type, (fn as WebhookHandlerFn).bind(instance), where);
        const preparation = this.reflector.get<HandlerKey | undefined>(WEBHOOK_PREPARATION, fn);
        if (preparation) this.add(this.preparations, preparation.provider, preparation.type, (fn as WebhookPreparationFn).bind(instance), where);
        const responder = this.reflector.get<(HandlerKey & { afterProcessing: boolean }) | undefined>(WEBHOOK_RESPONDER, fn);
        if (responder) this.add(this.responders, responder.provider, responder.type, (fn as WebhookResponderFn).bind(instance), where, responder.afterProcessing);
      }
    }
  }
}
