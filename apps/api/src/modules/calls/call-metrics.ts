import { Injectable } from '@nestjs/common';
import type { Counter } from 'prom-client';
import { Metrics } from '../../common/observability/metrics';

/** Why a call was placed: a prospect's trial demo, or speed-to-lead. */
export type CallPurpose = 'trial' | 'lead';

/**
 * `calls_placed_total{purpose}`: calls the voice provider accepted; `calls_deferred_total{reason}`:
 * lead calls put off by the compliance check (calling hours, velocity, the account's concurrent
 * calls), to be placed at the lawful minute.
 */
@Injectable()
export class CallMetrics {
  private readonly placedCounter: Counter<'purpose'>;
  private readonly deferredCounter: Counter<'reason'>;

  constructor(metrics: Metrics) {
    this.placedCounter = metrics.counter({ name: 'calls_placed_total', help: 'Outbound calls the voice provider accepted, by purpose', labelNames: ['purpose'] });
    this.deferredCounter = metrics.counter({ name: 'calls_deferred_total', help: 'Lead calls deferred by the compliance check, by its first reason', labelNames: ['reason'] });
  }

  placed(purpose: CallPurpose): void {
    this.placedCounter.inc({ purpose });
  }

  deferred(reason: string): void {
    this.deferredCounter.inc({ reason });
  }
}
