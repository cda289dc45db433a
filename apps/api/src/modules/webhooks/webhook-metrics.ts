import { Injectable } from '@nestjs/common';
import { PROVIDERS, type Provider } from '@beaker/contracts';
import type { Counter, Gauge, Histogram } from 'prom-client';
import { Clock } from '../../common/clock';
import { BurstAlert, ErrorTracker } from '../../common/observability/error-tracker';
import { Metrics } from '../../common/observability/metrics';
import { AppConfig } from '../../config/app-config';
import { WebhooksRepository } from './webhooks.repository';

/**
 * What the webhooks module tells operators:
 * - `webhook_lag_seconds{provider}`: how long the oldest event not yet processed has waited (read
 *   from Postgres at scrape time; 0 when none waits);
 * - `webhook_processing_lag_seconds{provider}`: received → processed, per event processed;
 * - `webhook_signature_failures_total{provider}`, and one error-tracking event when a minute holds
 *   WEBHOOK_SIGNATURE_ALERT_THRESHOLD of them (a burst: an attack, or a secret rotated on one side
 *   only), not one per refused delivery;
 * - `webhook_events_failed_total{provider}`: events left `failed` after their last attempt, each
 *   also reported to error tracking (they wait for a replay).
 */
@Injectable()
export class WebhookMetrics {
  private readonly signatureFailures: Counter<'provider'>;
  private readonly processingLag: Histogram<'provider'>;
  private readonly failedForGood: Counter<'provider'>;
  private readonly bursts = new Map<Provider, BurstAlert>();

  constructor(
    metrics: Metrics,
    private readonly tracker: ErrorTracker,
    private readonly clock: Clock,
    config: AppConfig,
    events: WebhooksRepository,
  ) {
    this.signatureFailures = metrics.counter({ name: 'webhook_signature_failures_total', help: 'Provider webhook deliveries refused for their signature', labelNames: ['provider'] });
    this.failedForGood = metrics.counter({ name: 'webhook_events_failed_total', help: 'Provider webhook events left failed after their last attempt (replayable)', labelNames: ['provider'] });
    this.processingLag = metrics.histogram({
      name: 'webhook_processing_lag_seconds',
      help: 'From a provider webhook received to its effects committed',
      labelNames: ['provider'],
      buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300, 900],
    });
    metrics.gauge({
      name: 'webhook_lag_seconds',
      help: 'Age of the oldest provider webhook event not yet processed (0 when none waits)',
      labelNames: ['provider'],
      async collect(this: Gauge<'provider'>) {
        const rows = await events.oldestUnprocessed(clock.now());
        for (const provider of PROVIDERS) this.set({ provider }, rows.find((r) => r.provider === provider)?.age_seconds ?? 0);
      },
    });
    const threshold = config.env.WEBHOOK_SIGNATURE_ALERT_THRESHOLD;
    for (const provider of PROVIDERS) {
      this.bursts.set(
        provider,
        new BurstAlert(threshold, (count) =>
          this.tracker.captureMessage(`${count} ${provider} webhook deliveries refused for their signature within a minute`, 'warning', { provider, count }),
        ),
      );
    }
  }

  signatureRefused(provider: Provider): void {
    this.signatureFailures.inc({ provider });
    this.bursts.get(provider)?.record(this.clock.now().getTime());
  }

  processed(provider: Provider, receivedAt: Date): void {
    this.processingLag.observe({ provider }, Math.max(0, (this.clock.now().getTime() - receivedAt.getTime()) / 1000));
  }

  failed(event: { id: string; provider: Provider; eventType: string; error: string }): void {
    this.failedForGood.inc({ provider: event.provider });
    this.tracker.captureMessage(`${event.provider} webhook ${event.eventType} failed for good (replayable)`, 'error', {
      webhookEventId: event.id,
      provider: event.provider,
      eventType: event.eventType,
      error: event.error.slice(0, 200),
    });
  }
}
