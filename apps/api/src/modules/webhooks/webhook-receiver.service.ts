import { Injectable, Logger } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import type { Provider } from '@beaker/contracts';
import { Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import type { SignatureVerdict } from '../../integrations/signature-verdict';
import { STRIPE_SIGNATURE_HEADER, StripeWebhookVerifier } from '../../integrations/stripe/stripe.webhook-signature';
import { parseTwilioForm, TWILIO_SIGNATURE_HEADER, TwilioParams, TwilioWebhookVerifier } from '../../integrations/twilio/twilio.webhook-signature';
import { VapiWebhookVerifier } from '../../integrations/vapi/vapi.signature';
import { declaredMediaType, rawBodyOf } from './raw-body';
import { WebhookDispatcher } from './webhook-dispatcher.service';
import { WebhookEventStore } from './webhook-event-store.service';
import { WebhookHandlerRegistry } from './webhook-handler.registry';
import { WebhookMetrics } from './webhook-metrics';
import {
  identifyStripeEvent,
  identifyTwilioEvent,
  identifyVapiEvent,
  IdentifiedEvent,
  MalformedWebhookBody,
  malformedEvent,
} from './webhook-intake';
import { InvalidWebhookSignature, MalformedWebhookPayload, WebhookStoreUnavailable } from './webhooks.errors';

/** How long a delivery whose answer confirms its effect waits for another process that holds the event. */
const PROCESS_BEFORE_ANSWER_MS = 3000;

/** What a provider gets back for a stored delivery (or a responder's answer). */
export interface WebhookAck {
  received: true;
  /** The event was already stored: acknowledged, not processed again. */
  duplicate: boolean;
}

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name];
  return Array.isArray(value) ? value[0] : value;
};

/**
 * Verify on the raw body, name the event, store it durably, acknowledge. Processing happens in
 * a job (see WebhookDispatcher); only responders (Vapi's assistant-request, tool-calls) answer
 * with content, after the event is stored.
 */
@Injectable()
export class WebhookReceiver {
  private readonly logger = new Logger('Webhooks');

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly store: WebhookEventStore,
    private readonly handlers: WebhookHandlerRegistry,
    private readonly dispatcher: WebhookDispatcher,
    private readonly stripeSignatures: StripeWebhookVerifier,
    private readonly twilioSignatures: TwilioWebhookVerifier,
    private readonly vapiSignatures: VapiWebhookVerifier,
    private readonly metrics: WebhookMetrics,
  ) {}

  async receive(provider: Provider, request: FastifyRequest): Promise<WebhookAck | unknown> {
    const raw = rawBodyOf(request);
    let twilioParams: TwilioParams = {};
    if (provider === 'twilio') twilioParams = this.twilioParams(request, raw);

    const verdict = this.verify(provider, request, raw, twilioParams);
    if (!verdict.valid) {
      // Never the body: it is unauthenticated input, and may carry personal data.
      this.logger.warn({ provider, reason: verdict.reason, ip: request.ip, reqId: request.id, bytes: raw.length }, 'webhook refused: bad signature');
      this.metrics.signatureRefused(provider);
      throw new InvalidWebhookSignature();
    }

    let event: IdentifiedEvent;
    try {
      event =
        provider === 'stripe' ? identifyStripeEvent(raw) : provider === 'twilio' ? identifyTwilioEvent(twilioParams, raw) : identifyVapiEvent(raw);
    } catch (err) {
      if (!(err instanceof MalformedWebhookBody)) throw err;
      // Signed by the provider but unreadable: keep it for inspection, and say so.
      const malformed = malformedEvent(provider, raw, err.message);
      await this.record({ ...malformed, status: 'failed', lastError: malformed.error, receivedAt: this.clock.now() });
      throw new MalformedWebhookPayload(`The ${provider} webhook body is not valid: ${err.message}`);
    }

    const stored = await this.record({ ...event, status: 'pending', receivedAt: this.clock.now() });
    const responder = this.handlers.responderFor(provider, event.eventType);
    if (responder) {
      if (stored.id && this.handlers.answersAfterProcessing(provider, event.eventType)) await this.processBeforeAnswering(stored.id);
      return responder(JSON.parse(event.payloadJson), { id: stored.id, eventId: event.eventId, eventType: event.eventType });
    }
    return { received: true, duplicate: !stored.created } satisfies WebhookAck;
  }

  /**
   * The event's effects before the answer that confirms them. Processed here like the queue would
   * (the job, if it comes second, finds it done); held by another process (the job got there
   * first), waited for until it is done; failed, or still held after a few seconds, the provider
   * is told to send it again (a redelivery is answered once the event is done).
   */
  private async processBeforeAnswering(id: string): Promise<void> {
    const deadline = Date.now() + PROCESS_BEFORE_ANSWER_MS;
    for (;;) {
      const outcome = await this.dispatcher.process(id, { trigger: 'queue' });
      if (outcome === 'completed' || outcome === 'ignored' || outcome === 'skipped') return;
      if (outcome === 'busy' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
        continue;
      }
      throw new WebhookStoreUnavailable('The event could not be processed yet; send it again', { retryAfterSeconds: 5 });
    }
  }

  private async record(event: Parameters<WebhookEventStore['record']>[0]) {
    try {
      return await this.store.record(event);
    } catch (err) {
      this.logger.error({ provider: event.provider, eventType: event.eventType, err: (err as Error).message }, 'webhook could not be stored');
      // Not acknowledged: the provider delivers it again.
      throw new WebhookStoreUnavailable(undefined, { retryAfterSeconds: 5 });
    }
  }

  /** The vendors' own verification (integrations/<vendor>/), on the raw body, before anything reads it. */
  private verify(provider: Provider, request: FastifyRequest, raw: Buffer, twilioParams: TwilioParams): SignatureVerdict {
    if (provider === 'stripe') return this.stripeSignatures.verify(raw, header(request, STRIPE_SIGNATURE_HEADER));
    if (provider === 'twilio') {
      return this.twilioSignatures.verify({
        signature: header(request, TWILIO_SIGNATURE_HEADER),
        // The URL Twilio called, as the public sees it; a proxy's Host header would not match.
        url: `${this.config.appUrl}${request.url}`,
        params: twilioParams,
        rawBody: raw,
      });
    }
    return this.vapiSignatures.verify(raw, (name) => header(request, name));
  }

  /** Twilio posts forms; a JSON body (signed through bodySHA256 in the URL) is read flat for naming it. */
  private twilioParams(request: FastifyRequest, raw: Buffer): TwilioParams {
    if (declaredMediaType(request) !== 'application/json') return parseTwilioForm(raw);
    try {
      const body = JSON.parse(raw.toString('utf8')) as Record<string, unknown>;
      return Object.fromEntries(Object.entries(body ?? {}).map(([k, v]) => [k, typeof v === 'string' ? v : JSON.stringify(v)]));
    } catch {
      return {};
    }
  }
}
