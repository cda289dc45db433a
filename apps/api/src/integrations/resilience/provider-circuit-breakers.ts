import { Injectable, Logger, OnApplicationShutdown, OnModuleInit, Optional } from '@nestjs/common';
import type { Counter, Gauge } from 'prom-client';
import type Redis from 'ioredis';
import CircuitBreaker from 'opossum';
import { randomUUID } from 'node:crypto';
import { ErrorTracker } from '../../common/observability/error-tracker';
import { Metrics } from '../../common/observability/metrics';
import { RedisService } from '../../common/redis/redis.service';
import { ProviderCircuitOpenError, ProviderError } from '../providers.errors';
import { ALL_BREAKER_NAMES, BreakerName, providerOf } from './breaker-names';
import { ResiliencePolicy, ResilienceTiming, retryDelayMs } from './resilience.policy';
import { BREAKER_CHANNEL, BreakerMessage, SharedBreakerState, SharedOpenState } from './shared-breaker-state';

export type BreakerState = 'closed' | 'open' | 'half_open';

const BREAKER_STATE_VALUES: Record<BreakerState, number> = { closed: 0, half_open: 1, open: 2 };

export interface BreakerSnapshot {
  name: string;
  state: BreakerState;
  /** Counted failures in the rolling window. */
  failures: number;
  lastFailureAt: string | null;
  lastError: string | null;
  openedAt: string | null;
  /** Transitions counted since Redis was last emptied, across all processes. */
  opens: number;
  closes: number;
}

export interface RunOptions<T> {
  /**
   * Reads may answer something instead of failing when the provider is unavailable (a breaker
   * open or transient failures exhausted), e.g. getCall → null. 4xx still throw.
   */
  fallback?: (error: ProviderError) => T;
  /**
   * `transient` (default): retry every transient failure. `unsent-only`: for creates the provider
   * cannot deduplicate (placing a call, sending an SMS) retry only when the request surely did not
   * reach the provider (connection refused, 429): a timeout might have rung the phone already.
   */
  retry?: 'transient' | 'unsent-only';
}

interface Operation {
  run: () => Promise<unknown>;
  retry: 'transient' | 'unsent-only';
}

interface LocalBreaker {
  name: BreakerName;
  breaker: CircuitBreaker<[Operation], unknown>;
  /** When this process last changed the breaker's state; older shared reads are ignored. */
  changedAt: number;
  /** Opened while Redis could not be written: the shared state must not close it. */
  localOnly: boolean;
  /** Set while applying a state change that came from another process (not logged as ours). */
  remote: boolean;
}

/**
 * Every call to Vapi, Twilio and Stripe goes through here: one opossum breaker per
 * `<provider>:<operation>`, with retries inside it, and the open/closed state shared by all
 * processes through Redis (opossum keeps state in memory only).
 *
 * - A transient failure (after its retries) is counted in Redis; the fifth within the rolling
 *   window opens the breaker for everyone: written to Redis, announced on a channel, and each
 *   process also re-reads the open set every `syncIntervalMs` (≤ 1 s), in case it missed a message.
 * - While open, calls are rejected by opossum at once: no network, no Redis.
 * - After `resetTimeoutMs` opossum lets one call through (half-open); across processes a Redis
 *   lock makes it one probe in all. Its success closes the breaker everywhere; a failure re-opens it.
 * - 4xx (permanent) errors are not retried and do not count (opossum's errorFilter).
 */
@Injectable()
export class ProviderCircuitBreakers implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('ProviderCircuitBreakers');
  private readonly breakers = new Map<string, LocalBreaker>();
  /** The shared open set as last seen (pub/sub and polling). */
  private readonly sharedOpen = new Map<string, SharedOpenState>();
  private readonly store: SharedBreakerState;
  private readonly holder = randomUUID();
  private subscriber?: Redis;
  private poller?: NodeJS.Timeout;
  /** In-memory transition counters of this process (Prometheus style: name → to → count). */
  private readonly transitions = new Map<string, { open: number; half_open: number; closed: number }>();
  private transitionCounter?: Counter<'breaker' | 'to'>;
  private rejectionCounter?: Counter<'breaker'>;

  constructor(
    private readonly redis: RedisService,
    readonly policy: ResiliencePolicy,
    private readonly timing: ResilienceTiming,
    @Optional() metrics?: Metrics,
    @Optional() private readonly tracker: ErrorTracker = ErrorTracker.disabled(),
  ) {
    this.store = new SharedBreakerState(redis.client);
    if (metrics) this.exportMetrics(metrics);
  }

  /**
   * `provider_breaker_state{breaker}` (0 closed, 1 half-open, 2 open, as this process sees it, which
   * follows the fleet within a second), `provider_breaker_transitions_total{breaker,to}` and
   * `provider_breaker_rejections_total{breaker}` (calls failed fast while open).
   */
  private exportMetrics(metrics: Metrics): void {
    const stateOf = (name: BreakerName) => this.localState(name);
    metrics.gauge({
      name: 'provider_breaker_state',
      help: 'Circuit breaker state per provider operation: 0 closed, 1 half-open, 2 open',
      labelNames: ['breaker'],
      collect(this: Gauge<'breaker'>) {
        for (const name of ALL_BREAKER_NAMES) this.set({ breaker: name }, BREAKER_STATE_VALUES[stateOf(name)]);
      },
    });
    this.transitionCounter = metrics.counter({
      name: 'provider_breaker_transitions_total',
      help: 'Circuit breaker transitions seen by this process, by breaker and state entered',
      labelNames: ['breaker', 'to'],
    });
    this.rejectionCounter = metrics.counter({
      name: 'provider_breaker_rejections_total',
      help: 'Calls refused at once by an open breaker (failed fast, no request made), by breaker, in this process',
      labelNames: ['breaker'],
    });
  }

  async onModuleInit(): Promise<void> {
    await this.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.stop();
  }

  /** Subscribes to transitions and starts the poll. Resolves once subscribed (or Redis is found down). */
  async start(): Promise<void> {
    if (this.subscriber) return;
    this.subscriber = this.redis.client.duplicate({ enableOfflineQueue: true, maxRetriesPerRequest: null, lazyConnect: false });
    this.subscriber.on('error', () => undefined);
    this.subscriber.on('message', (_channel: string, raw: string) => this.onMessage(raw));
    const subscribed = this.subscriber.subscribe(BREAKER_CHANNEL).catch((err: Error) => this.logger.warn(`breaker channel unavailable: ${err.message}`));
    // Boot does not wait on a Redis outage: the subscription completes when Redis is back, and the poll covers meanwhile.
    await Promise.race([subscribed, new Promise((resolve) => setTimeout(resolve, 2000).unref())]);
    this.poller = setInterval(() => void this.sync(), this.policy.syncIntervalMs);
    this.poller.unref();
    await this.sync();
  }

  async stop(): Promise<void> {
    if (this.poller) clearInterval(this.poller);
    this.poller = undefined;
    const subscriber = this.subscriber;
    this.subscriber = undefined;
    if (subscriber) await subscriber.quit().catch(() => subscriber.disconnect());
    for (const local of this.breakers.values()) local.breaker.shutdown();
    this.breakers.clear();
  }

  /** Runs one provider operation inside its breaker, with retries. */
  async run<T>(name: BreakerName, operation: () => Promise<T>, options: RunOptions<T> = {}): Promise<T> {
    const local = this.local(name);
    this.applyShared(local);
    try {
      return (await local.breaker.fire({ run: operation, retry: options.retry ?? 'transient' })) as T;
    } catch (err) {
      const error = this.toProviderError(name, err);
      if (options.fallback && error instanceof ProviderError && error.transient) {
        this.logger.warn({ breaker: name, err: error.toLog() }, 'provider unavailable; answering with the fallback');
        return options.fallback(error);
      }
      throw error;
    }
  }

  /** The admin view: every known breaker, fleet-wide state from Redis (local state if Redis is down). */
  async snapshot(): Promise<BreakerSnapshot[]> {
    const now = this.timing.now();
    const names = new Set<string>([...ALL_BREAKER_NAMES, ...this.breakers.keys()]);
    try {
      for (const name of await this.store.knownNames()) names.add(name);
      const details = await this.store.details([...names].sort(), now, this.policy.rollingWindowMs);
      return [...details.entries()].map(([name, d]) => ({
        name,
        state: d.open ? (d.open.openUntil > now ? 'open' : 'half_open') : 'closed',
        failures: d.failures,
        lastFailureAt: d.lastFailureAt ? new Date(d.lastFailureAt).toISOString() : null,
        lastError: d.lastError ?? null,
        openedAt: d.open ? new Date(d.open.openedAt).toISOString() : null,
        opens: d.opens,
        closes: d.closes,
      }));
    } catch (err) {
      this.logger.warn(`breaker state unavailable from Redis, showing this process's view: ${(err as Error).message}`);
      return [...names].sort().map((name) => {
        const local = this.breakers.get(name);
        const t = this.transitions.get(name);
        const state: BreakerState = !local || local.breaker.closed ? 'closed' : local.breaker.halfOpen ? 'half_open' : 'open';
        return { name, state, failures: local?.breaker.stats.failures ?? 0, lastFailureAt: null, lastError: null, openedAt: null, opens: t?.open ?? 0, closes: t?.closed ?? 0 };
      });
    }
  }

  /** This process's view of one breaker (tests, logs). */
  localState(name: BreakerName): BreakerState {
    const local = this.breakers.get(name);
    if (!local) {
      // Never used here yet: what the fleet says is what the first call will see.
      const shared = this.sharedOpen.get(name);
      return !shared ? 'closed' : shared.openUntil > this.timing.now() ? 'open' : 'half_open';
    }
    if (local.breaker.closed) return 'closed';
    return local.breaker.halfOpen ? 'half_open' : 'open';
  }

  /** Transitions seen by this process, Prometheus text exposition. */
  metrics(): string {
    const lines = ['# TYPE provider_breaker_transitions_total counter'];
    for (const [name, counts] of [...this.transitions.entries()].sort()) {
      for (const [to, count] of Object.entries(counts)) lines.push(`provider_breaker_transitions_total{breaker="${name}",to="${to}"} ${count}`);
    }
    return `${lines.join('\n')}\n`;
  }

  private local(name: BreakerName): LocalBreaker {
    const existing = this.breakers.get(name);
    if (existing) return existing;
    const breaker = new CircuitBreaker<[Operation], unknown>((op: Operation) => this.execute(local, op), {
      name,
      // Each adapter request has its own timeout; the whole run includes retry waits.
      timeout: false,
      resetTimeout: this.policy.resetTimeoutMs,
      rollingCountTimeout: this.policy.rollingWindowMs,
      rollingCountBuckets: 10,
      // We open it ourselves on the shared count; opossum's own percentage rule never fires.
      errorThresholdPercentage: 100,
      // 4xx, a breaker found open elsewhere, and our own bugs are not provider outages.
      errorFilter: (err: unknown) => !(err instanceof ProviderError) || !err.transient || err instanceof ProviderCircuitOpenError,
    });
    const local: LocalBreaker = { name, breaker, changedAt: 0, localOnly: false, remote: false };
    breaker.on('open', () => this.onTransition(local, 'open'));
    breaker.on('halfOpen', () => this.onTransition(local, 'half_open'));
    breaker.on('close', () => this.onTransition(local, 'closed'));
    breaker.on('reject', () => this.rejectionCounter?.inc({ breaker: name }));
    this.breakers.set(name, local);
    return local;
  }

  private onTransition(local: LocalBreaker, to: 'open' | 'half_open' | 'closed'): void {
    const counts = this.transitions.get(local.name) ?? { open: 0, half_open: 0, closed: 0 };
    counts[to] += 1;
    this.transitions.set(local.name, counts);
    this.transitionCounter?.inc({ breaker: local.name, to });
    const origin = local.remote ? 'another process' : 'this process';
    if (to === 'open') this.logger.warn({ breaker: local.name, origin }, `circuit ${local.name} opened`);
    else if (to === 'closed') this.logger.log({ breaker: local.name, origin }, `circuit ${local.name} closed`);
    else this.logger.log({ breaker: local.name }, `circuit ${local.name} half-open: one probe allowed`);
  }

  /** The action inside opossum: a probe when half-open, else the operation with its retries. */
  private async execute(local: LocalBreaker, op: Operation): Promise<unknown> {
    if (local.breaker.halfOpen) return this.probe(local, op);
    try {
      return await this.withRetries(local.name, op);
    } catch (err) {
      if (err instanceof ProviderError && err.transient && !(err instanceof ProviderCircuitOpenError)) await this.countFailure(local, err);
      throw err;
    }
  }

  private async withRetries(name: BreakerName, op: Operation): Promise<unknown> {
    for (let retry = 0; ; retry++) {
      try {
        return await op.run();
      } catch (err) {
        if (!(err instanceof ProviderError) || !err.transient) throw err;
        if (retry >= this.policy.maxRetries) throw err;
        if (op.retry === 'unsent-only' && !err.notSent) throw err;
        // Another process opened the breaker meanwhile: stop adding load.
        const shared = this.sharedOpen.get(name);
        if (shared && shared.openUntil > this.timing.now()) throw err;
        const delay = retryDelayMs(retry, this.policy, this.timing.random(), err.retryAfterMs);
        if (delay === null) throw err;
        this.logger.warn({ breaker: name, retry: retry + 1, delayMs: delay, err: err.toLog() }, 'transient provider failure; retrying');
        await this.timing.sleep(delay);
      }
    }
  }

  private async countFailure(local: LocalBreaker, err: ProviderError): Promise<void> {
    const now = this.timing.now();
    const message = describe(err);
    let failures: number;
    let shared = true;
    try {
      failures = await this.store.recordFailure(local.name, now, this.policy.rollingWindowMs, message);
    } catch {
      // Redis down: count in this process (opossum's rolling window, this failure not yet in it).
      shared = false;
      failures = local.breaker.stats.failures + 1;
    }
    if (failures < this.policy.failureThreshold) return;
    await this.openEverywhere(local, now, message, shared, false);
  }

  private async openEverywhere(local: LocalBreaker, now: number, message: string, shared: boolean, reopen: boolean): Promise<void> {
    const state: SharedOpenState = { openedAt: now, openUntil: now + this.policy.resetTimeoutMs, lastError: message };
    local.localOnly = !shared;
    if (shared) {
      try {
        await this.store.open(local.name, state, reopen);
      } catch {
        local.localOnly = true;
      }
    }
    this.sharedOpen.set(local.name, state);
    local.changedAt = this.timing.now();
    local.remote = false;
    local.breaker.open();
    // Reported by the process whose calls decided it (the others follow: one event, not one per
    // process); a failed probe's re-opening is the same outage, not news.
    if (!reopen) this.tracker.captureMessage(`circuit ${local.name} opened`, 'error', { breaker: local.name, provider: providerOf(local.name), lastError: message });
  }

  /** Half-open: only one process probes, and only once the shared open period is over. */
  private async probe(local: LocalBreaker, op: Operation): Promise<unknown> {
    try {
      const shared = await this.store.readOpen(local.name);
      if (shared && shared.openUntil > this.timing.now()) return this.stayOpen(local, shared);
      if (shared && !(await this.store.tryAcquireProbe(local.name, this.holder, this.policy.probeLockMs))) return this.stayOpen(local, shared);
    } catch {
      // Redis down: probe on this process's own judgement.
    }
    let result: unknown;
    try {
      result = await op.run();
    } catch (err) {
      if (err instanceof ProviderError && err.transient) {
        await this.openEverywhere(local, this.timing.now(), describe(err), true, true);
        throw err;
      }
      // A 4xx is an answer: the provider is up. Fall through to close, then rethrow.
      await this.closeEverywhere(local);
      throw err;
    }
    await this.closeEverywhere(local);
    return result;
  }

  private stayOpen(local: LocalBreaker, shared: SharedOpenState): never {
    this.sharedOpen.set(local.name, shared);
    local.changedAt = this.timing.now();
    local.remote = true;
    local.breaker.open();
    local.remote = false;
    throw new ProviderCircuitOpenError(providerOf(local.name), local.name, shared.openUntil - this.timing.now());
  }

  private async closeEverywhere(local: LocalBreaker): Promise<void> {
    this.sharedOpen.delete(local.name);
    local.changedAt = this.timing.now();
    local.remote = false;
    local.localOnly = false;
    this.tracker.captureMessage(`circuit ${local.name} closed`, 'info', { breaker: local.name, provider: providerOf(local.name) });
    await this.store.close(local.name).catch((err: Error) => this.logger.warn(`could not share the close of ${local.name}: ${err.message}`));
    // opossum closes itself on the probe's success.
  }

  private onMessage(raw: string): void {
    let message: BreakerMessage;
    try {
      message = JSON.parse(raw) as BreakerMessage;
    } catch {
      return;
    }
    if (message.state === 'open') this.sharedOpen.set(message.name, message.open);
    else this.sharedOpen.delete(message.name);
    const local = this.breakers.get(message.name);
    if (local) this.applyShared(local, true);
  }

  /** Re-reads the shared open set; catches messages missed while disconnected. */
  private async sync(): Promise<void> {
    const startedAt = this.timing.now();
    let open: Map<string, SharedOpenState>;
    try {
      open = await this.store.readAllOpen();
    } catch {
      return;
    }
    for (const name of new Set([...open.keys(), ...this.sharedOpen.keys()])) {
      const local = this.breakers.get(name);
      // A change this process made after the read started wins over the read.
      if (local && local.changedAt >= startedAt) continue;
      const state = open.get(name);
      if (state) this.sharedOpen.set(name, state);
      else this.sharedOpen.delete(name);
      if (local) this.applyShared(local, true);
    }
  }

  /** Mirrors the shared state into this process's opossum breaker. */
  private applyShared(local: LocalBreaker, fromRemote = false): void {
    const shared = this.sharedOpen.get(local.name);
    if (shared && local.breaker.closed) {
      local.remote = true;
      local.breaker.open();
      local.remote = false;
    } else if (!shared && !local.breaker.closed && fromRemote && !local.localOnly) {
      local.remote = true;
      local.breaker.close();
      local.remote = false;
    }
  }

  private toProviderError(name: BreakerName, err: unknown): unknown {
    if ((err as { code?: string })?.code === 'EOPENBREAKER') {
      const shared = this.sharedOpen.get(name);
      const retryAfterMs = shared ? shared.openUntil - this.timing.now() : this.policy.resetTimeoutMs;
      return new ProviderCircuitOpenError(providerOf(name), name, retryAfterMs);
    }
    return err;
  }
}

function describe(err: ProviderError): string {
  const parts = [err.providerStatus ? `HTTP ${err.providerStatus}` : undefined, err.providerCode, err.providerMessage].filter(Boolean);
  return parts.join(' ') || err.message;
}
