import { Injectable, Logger } from '@nestjs/common';
import {
  WEBHOOK_API_VERSION,
  WEBHOOK_TEST_EVENT_TYPE,
  type Page,
  type WebhookDeliveryAttempt,
  type WebhookEndpoint,
  type WebhookEndpointCreated,
  type WebhookEndpointInput,
  type WebhookSecretRotated,
  type WebhookTestSent,
} from '@beaker/contracts';
import { Clock } from '../../common/clock';
import { NotFound } from '../../common/errors/common.errors';
import { DEFAULT_PAGE_SIZE, decodeCursor, encodeCursor, type PageQueryDto } from '../../common/http/pagination';
import { Mailer } from '../../common/mail/mailer';
import { JobName, JobPayloads } from '../../common/queue/jobs';
import { JobsService } from '../../common/queue/jobs.service';
import { AppConfig } from '../../config/app-config';
import { IdempotencyService } from '../../common/idempotency/idempotency.service';
import { Database } from '../../database/database';
import { MembershipService } from '../auth';
import { urlRefusal } from './delivery/address-policy';
import { newSigningSecret, SecretBox } from '../../common/secret-box';
import { endpointDisabledEmail } from './endpoint-disabled.email';
import { deliveryJobId, OutboundEventsService } from './outbound-events.service';
import { WebhookEndpointDisabled, WebhookEndpointLimit, WebhookUrlNotAllowed } from './outbound-webhooks.errors';
import { WebhookDeliveriesRepository, type AttemptRow } from './persistence/webhook-deliveries.repository';
import { WebhookEndpointsRepository, type EndpointRow } from './persistence/webhook-endpoints.repository';
import { ROTATION_OVERLAP_MS } from './retry-schedule';

/** Who asked (`api-key:<id>` or `user:<id>`) and their Idempotency-Key, if any. */
export interface IdempotencyScope {
  scope: string;
  key: string | undefined;
}

/** Endpoints a business may have. */
export const MAX_ENDPOINTS_PER_BUSINESS = 20;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function view(row: EndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    eventTypes: row.event_types,
    enabled: row.enabled,
    disabledReason: row.enabled ? null : row.disabled_reason,
    failingSince: row.failing_since?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}

function attemptView(row: AttemptRow): WebhookDeliveryAttempt {
  return {
    id: row.id,
    deliveryId: row.delivery_id,
    eventId: row.event_id,
    eventType: row.event_type,
    attempt: row.attempt,
    succeeded: row.succeeded,
    statusCode: row.status_code,
    latencyMs: row.latency_ms,
    error: row.error,
    responseBody: row.response_body,
    at: row.at.toISOString(),
    deliveryStatus: row.delivery_status,
    nextAttemptAt: row.next_attempt_at?.toISOString() ?? null,
  };
}

/**
 * A business's webhook endpoints: create (the signing secret in that answer only), read, change,
 * delete, rotate the secret, send a test event; the delivery log and replays. Every statement
 * names the business; another business's endpoint is a 404.
 */
@Injectable()
export class WebhookEndpointsService {
  private readonly logger = new Logger(WebhookEndpointsService.name);

  constructor(
    private readonly db: Database,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly events: OutboundEventsService,
    private readonly box: SecretBox,
    private readonly jobs: JobsService,
    private readonly idempotency: IdempotencyService,
    private readonly membership: MembershipService,
    private readonly mailer: Mailer,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /**
   * A new endpoint and its signing secret. With an Idempotency-Key, a retry of the same request
   * answers the same endpoint and secret for 24 hours (the stored answer holds the secret sealed,
   * like the endpoint's own copy).
   */
  async create(businessId: string, input: WebhookEndpointInput, idempotency: IdempotencyScope): Promise<{ created: WebhookEndpointCreated; replayed: boolean }> {
    this.checkUrl(input.url);
    const answer = await this.idempotency.run(idempotency.scope, idempotency.key, { method: 'POST', path: 'webhook-endpoints', businessId, body: input }, 201, async (tx) => {
      if ((await this.endpoints.countForBusiness(businessId, tx)) >= MAX_ENDPOINTS_PER_BUSINESS) {
        throw new WebhookEndpointLimit(`A business may have up to ${MAX_ENDPOINTS_PER_BUSINESS} webhook endpoints`);
      }
      const sealed = this.box.seal(newSigningSecret());
      const write = { url: input.url, description: input.description ?? '', eventTypes: [...new Set(input.eventTypes)], enabled: input.enabled ?? true };
      const row = await this.endpoints.insert(businessId, write, sealed, this.clock.now(), tx);
      return { ...view(row), sealedSecret: sealed };
    });
    const { sealedSecret, ...endpoint } = answer.body;
    return { created: { ...endpoint, secret: this.box.open(sealedSecret) }, replayed: answer.replayed };
  }

  async list(businessId: string, query: PageQueryDto): Promise<Page<WebhookEndpoint>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.endpoints.list(businessId, query.cursor ? decodeCursor(query.cursor) : null, limit + 1);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items: items.map(view), nextCursor: rows.length > limit && last ? encodeCursor({ at: last.created_at.toISOString(), id: last.id }) : null };
  }

  async get(businessId: string, endpointId: string): Promise<WebhookEndpoint> {
    return view(await this.found(businessId, endpointId));
  }

  async update(businessId: string, endpointId: string, patch: Partial<WebhookEndpointInput>): Promise<WebhookEndpoint> {
    if (patch.url !== undefined) this.checkUrl(patch.url);
    if (!UUID.test(endpointId)) throw new NotFound('No such webhook endpoint');
    return this.db.transaction(async (tx) => {
      const row = await this.endpoints.lock(businessId, endpointId, tx);
      if (!row) throw new NotFound('No such webhook endpoint');
      const enabled = patch.enabled ?? row.enabled;
      const reenabled = enabled && !row.enabled;
      const updated = await this.endpoints.update(
        endpointId,
        {
          url: patch.url ?? row.url,
          description: patch.description ?? row.description,
          eventTypes: patch.eventTypes ? [...new Set(patch.eventTypes)] : row.event_types,
          enabled,
          disabledReason: enabled ? null : row.enabled ? 'owner' : row.disabled_reason,
          // Turned back on: its 5 days start again.
          failingSince: reenabled ? null : row.failing_since,
        },
        this.clock.now(),
        tx,
      );
      if (!enabled) await this.deliveries.cancelPendingOf(endpointId, this.clock.now(), tx);
      return view(updated);
    });
  }

  async remove(businessId: string, endpointId: string): Promise<void> {
    if (!UUID.test(endpointId)) throw new NotFound('No such webhook endpoint');
    await this.db.transaction(async (tx) => {
      if (!(await this.endpoints.softDelete(businessId, endpointId, this.clock.now(), tx))) throw new NotFound('No such webhook endpoint');
      await this.deliveries.cancelPendingOf(endpointId, this.clock.now(), tx);
    });
  }

  /** A new secret; the previous one signs beside it for 24 hours. An Idempotency-Key replay answers the same secret. */
  async rotateSecret(businessId: string, endpointId: string, idempotency: IdempotencyScope): Promise<{ rotated: WebhookSecretRotated; replayed: boolean }> {
    if (!UUID.test(endpointId)) throw new NotFound('No such webhook endpoint');
    const answer = await this.idempotency.run(idempotency.scope, idempotency.key, { method: 'POST', path: 'rotate-secret', businessId, endpointId }, 201, async (tx) => {
      const now = this.clock.now();
      const overlapUntil = new Date(now.getTime() + ROTATION_OVERLAP_MS);
      if (!(await this.endpoints.lock(businessId, endpointId, tx))) throw new NotFound('No such webhook endpoint');
      const sealed = this.box.seal(newSigningSecret());
      await this.endpoints.rotate(endpointId, sealed, now, overlapUntil, tx);
      return { sealedSecret: sealed, previousSecretExpiresAt: overlapUntil.toISOString() };
    });
    const { sealedSecret, previousSecretExpiresAt } = answer.body;
    return { rotated: { secret: this.box.open(sealedSecret), previousSecretExpiresAt }, replayed: answer.replayed };
  }

  /** A `webhook.test` event to this endpoint only (once per Idempotency-Key). */
  async sendTest(businessId: string, endpointId: string, idempotency: IdempotencyScope): Promise<{ sent: WebhookTestSent; replayed: boolean }> {
    const endpoint = await this.found(businessId, endpointId);
    if (!endpoint.enabled) throw new WebhookEndpointDisabled('Turn the endpoint on (PATCH enabled: true) to send it events');
    const now = this.clock.now();
    const answer = await this.idempotency.run(idempotency.scope, idempotency.key, { method: 'POST', path: 'test', businessId, endpointId }, 202, (tx) =>
      this.deliveries.insertTestEvent(
        { businessId, endpointId, type: WEBHOOK_TEST_EVENT_TYPE, apiVersion: WEBHOOK_API_VERSION, data: { businessId, endpointId, message: 'A test event from Beaker' }, at: now },
        tx,
      ),
    );
    if (!answer.replayed) await this.events.enqueue([answer.body.deliveryId]);
    return { sent: answer.body, replayed: answer.replayed };
  }

  async deliveryLog(businessId: string, endpointId: string, query: PageQueryDto): Promise<Page<WebhookDeliveryAttempt>> {
    if (!UUID.test(endpointId) || !(await this.endpoints.find(businessId, endpointId))) throw new NotFound('No such webhook endpoint');
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.deliveries.attempts(businessId, endpointId, query.cursor ? decodeCursor(query.cursor) : null, limit + 1);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return { items: items.map(attemptView), nextCursor: rows.length > limit && last ? encodeCursor({ at: last.at.toISOString(), id: last.id }) : null };
  }

  /** Sends a delivery again now, whatever its state (a replay), unless it is being sent right now. */
  async retry(businessId: string, endpointId: string, deliveryId: string): Promise<{ deliveryId: string; attempt: number }> {
    if (!UUID.test(deliveryId)) throw new NotFound('No such delivery');
    const endpoint = await this.found(businessId, endpointId);
    if (!endpoint.enabled) throw new WebhookEndpointDisabled('Turn the endpoint on (PATCH enabled: true) to send it events');
    if (!(await this.deliveries.find(businessId, endpointId, deliveryId))) throw new NotFound('No such delivery');
    const attempt = await this.deliveries.retryNow(deliveryId, this.clock.now());
    if (attempt === null) return { deliveryId, attempt: 0 };
    try {
      await this.jobs.enqueue(JobName.DeliverWebhook, { deliveryId, attempt }, { jobId: `${deliveryJobId(deliveryId, attempt)}-replay-${this.clock.now().getTime()}` });
    } catch (err) {
      // The delivery is due in the database: the sweeper sends it once the queue answers again.
      this.logger.warn({ deliveryId, err: (err as Error).message }, 'replay not enqueued; the sweeper will send it');
    }
    return { deliveryId, attempt };
  }

  /** The owners' email about an endpoint disabled after 5 days of failures (a job). */
  async notifyDisabled({ endpointId }: JobPayloads[JobName.NotifyWebhookEndpointDisabled]): Promise<{ sent: number }> {
    const endpoint = await this.endpoints.byId(endpointId);
    if (!endpoint || endpoint.enabled) return { sent: 0 };
    const owners = await this.membership.emailsOf(endpoint.business_id, ['owner']);
    const settingsUrl = `${this.config.appUrl}/app/businesses/${endpoint.business_id}/webhooks/${endpoint.id}`;
    for (const to of owners) await this.mailer.send(endpointDisabledEmail(to, { url: endpoint.url, failingSince: endpoint.failing_since, settingsUrl }));
    this.logger.log({ endpointId, recipients: owners.length }, 'owners told of a disabled webhook endpoint');
    return { sent: owners.length };
  }

  private async found(businessId: string, endpointId: string): Promise<EndpointRow> {
    const row = UUID.test(endpointId) ? await this.endpoints.find(businessId, endpointId) : null;
    if (!row) throw new NotFound('No such webhook endpoint');
    return row;
  }

  private checkUrl(url: string): void {
    const refusal = urlRefusal(url, this.config.env.WEBHOOK_URL_POLICY);
    if (refusal) throw new WebhookUrlNotAllowed(`This URL cannot receive webhooks: ${refusal}`);
  }
}
