import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { JobName, JobPayloads } from '../../common/queue/jobs';
import { JobsService } from '../../common/queue/jobs.service';
import { AppConfig } from '../../config/app-config';
import { Database } from '../../database/database';
import { SecretBox } from '../../common/secret-box';
import { signatureHeader } from './delivery/signature';
import { WebhookSender } from './delivery/webhook-sender';
import { deliveryJobId } from './outbound-events.service';
import { WebhookDeliveriesRepository, type ClaimedDelivery } from './persistence/webhook-deliveries.repository';
import { WebhookEndpointsRepository } from './persistence/webhook-endpoints.repository';
import { DISABLE_AFTER_FAILING_MS, delayAfterAttempt } from './retry-schedule';

/** A claimed delivery is its worker's this long (longer than a send can take); then the sweeper may send it again. */
export const DELIVERY_LEASE_MS = 60_000;

export type DeliveryOutcome = 'not-due' | 'canceled' | 'succeeded' | 'retry-scheduled' | 'failed';

/** The JSON body of an event, the same bytes for every attempt. */
export function eventBody(d: Pick<ClaimedDelivery, 'event_id' | 'event_type' | 'event_created_at' | 'api_version' | 'data'>): string {
  return JSON.stringify({ id: d.event_id, type: d.event_type, created: new Date(d.event_created_at).toISOString(), apiVersion: d.api_version, data: d.data });
}

/**
 * One attempt of one delivery (the `deliver-webhook` job): claims it if that attempt is due, signs
 * the event with every secret that signs now, POSTs it, and records the attempt. A failure
 * schedules the next attempt (retry-schedule.ts) as a delayed job and in the row (the sweeper's
 * safety net); an endpoint failing for 5 days is disabled and its owners emailed.
 */
@Injectable()
export class WebhookDeliveryService {
  private readonly logger = new Logger(WebhookDeliveryService.name);

  constructor(
    private readonly db: Database,
    private readonly deliveries: WebhookDeliveriesRepository,
    private readonly endpoints: WebhookEndpointsRepository,
    private readonly sender: WebhookSender,
    private readonly box: SecretBox,
    private readonly jobs: JobsService,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async deliver({ deliveryId, attempt }: JobPayloads[JobName.DeliverWebhook]): Promise<DeliveryOutcome> {
    const now = this.clock.now();
    const claimed = await this.deliveries.claim(deliveryId, attempt, now, new Date(now.getTime() + DELIVERY_LEASE_MS));
    if (!claimed) return 'not-due';
    if (!claimed.enabled || claimed.deleted_at) {
      await this.deliveries.cancel(deliveryId, now);
      return 'canceled';
    }
    const secrets = claimed.secrets.map((sealed) => this.box.open(sealed));
    const body = eventBody(claimed);
    const timestamp = Math.floor(now.getTime() / 1000);
    const result = await this.sender.send(claimed.url, body, {
      'content-type': 'application/json',
      'user-agent': `Beaker-Webhooks/1.0 (+${this.config.appUrl}/docs)`,
      'beaker-signature': signatureHeader(secrets, body, timestamp),
      'beaker-event-id': claimed.event_id,
      'beaker-event-type': claimed.event_type,
      'beaker-delivery-id': claimed.id,
      'beaker-delivery-attempt': String(attempt),
    });
    const after = this.clock.now();
    const delay = result.ok ? null : delayAfterAttempt(attempt);
    const next = delay === null ? null : new Date(after.getTime() + delay);
    const attemptRow = {
      deliveryId,
      endpointId: claimed.endpoint_id,
      attempt,
      succeeded: result.ok,
      statusCode: result.statusCode,
      latencyMs: result.latencyMs,
      error: result.error,
      responseBody: result.responseBody,
      at: now,
    };
    if (result.ok) {
      await this.deliveries.succeeded(attemptRow, after);
      return 'succeeded';
    }
    let disabled = false;
    await this.db.transaction(async (tx) => {
      await this.deliveries.recordAttempt(attemptRow, tx);
      await this.deliveries.attemptFailed(deliveryId, attempt, next, after, tx);
      const failingSince = await this.endpoints.markFailing(claimed.endpoint_id, now, tx);
      if (failingSince && after.getTime() - failingSince.getTime() >= DISABLE_AFTER_FAILING_MS && (await this.endpoints.disableFailing(claimed.endpoint_id, after, tx))) {
        await this.deliveries.cancelPendingOf(claimed.endpoint_id, after, tx);
        disabled = true;
      }
    });
    this.logger.log({ deliveryId, endpointId: claimed.endpoint_id, attempt, statusCode: result.statusCode, error: result.error, next: next?.toISOString() ?? null }, 'webhook delivery attempt failed');
    if (disabled) {
      this.logger.warn({ endpointId: claimed.endpoint_id, businessId: claimed.business_id }, 'webhook endpoint disabled after 5 days of failures');
      await this.enqueueQuietly(() => this.jobs.enqueue(JobName.NotifyWebhookEndpointDisabled, { endpointId: claimed.endpoint_id }, { jobId: `whe-disabled-${claimed.endpoint_id}-${after.getTime()}` }));
      return 'failed';
    }
    if (delay === null) return 'failed';
    await this.enqueueQuietly(() => this.jobs.enqueue(JobName.DeliverWebhook, { deliveryId, attempt: attempt + 1 }, { jobId: deliveryJobId(deliveryId, attempt + 1), delayMs: delay }));
    return 'retry-scheduled';
  }

  /** A job that cannot be enqueued now is left to the sweeper (the row says what is due). */
  private async enqueueQuietly(enqueue: () => Promise<unknown>): Promise<void> {
    try {
      await enqueue();
    } catch (err) {
      this.logger.warn({ err: (err as Error).message }, 'webhook job not enqueued; the sweeper will find it');
    }
  }
}
