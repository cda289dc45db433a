import * as Sentry from '@sentry/nestjs';
import type { AppConfig } from '../../config/app-config';

export type TrackedLevel = 'error' | 'warning' | 'info';

/** What goes with an event: short, searchable facts (ids, names, counts); never a body or a secret. */
export type TrackedContext = Record<string, string | number | boolean | null | undefined>;

/**
 * Error tracking through Sentry's NestJS SDK, when SENTRY_DSN is set: unhandled errors (the
 * problem filter's 500s, and what escapes to the process), jobs that failed their last attempt,
 * circuit breakers opening and closing, bursts of refused webhook signatures. With no DSN the SDK
 * is never initialised and every method returns at once: nothing is sent, nothing is patched.
 *
 * No tracing (no traces sample rate): the request path pays nothing for it. Sentry's Nest module
 * and global filter are not used: the problem filter is the one place failures become answers,
 * and it reports the 500s itself (with the error id the client was given).
 */
export class ErrorTracker {
  private constructor(readonly enabled: boolean) {}

  static disabled(): ErrorTracker {
    return new ErrorTracker(false);
  }

  /** Initialises the SDK for this process when SENTRY_DSN is set. */
  static fromConfig(config: AppConfig, service: 'beaker-api' | 'beaker-worker'): ErrorTracker {
    const dsn = config.env.SENTRY_DSN;
    if (!dsn) return ErrorTracker.disabled();
    Sentry.init({
      dsn,
      environment: config.env.SENTRY_ENVIRONMENT ?? config.env.NODE_ENV,
      serverName: service,
      initialScope: { tags: { service } },
      // Personal data stays out: no IPs, cookies or bodies are attached by the SDK.
      sendDefaultPii: false,
    });
    return new ErrorTracker(true);
  }

  captureException(error: unknown, context: TrackedContext = {}): void {
    if (!this.enabled) return;
    Sentry.withScope((scope) => {
      scope.setContext('beaker', context);
      for (const [key, value] of Object.entries(context)) if (typeof value === 'string' && value.length <= 200) scope.setTag(key, value);
      Sentry.captureException(error);
    });
  }

  captureMessage(message: string, level: TrackedLevel, context: TrackedContext = {}): void {
    if (!this.enabled) return;
    Sentry.withScope((scope) => {
      scope.setContext('beaker', context);
      for (const [key, value] of Object.entries(context)) if (typeof value === 'string' && value.length <= 200) scope.setTag(key, value);
      Sentry.captureMessage(message, level);
    });
  }

  /** Sends what is queued (at shutdown, and in tests). */
  async flush(timeoutMs = 2000): Promise<boolean> {
    return this.enabled ? Sentry.flush(timeoutMs) : true;
  }

  /** Sends what is queued and stops the client (shutdown). */
  async close(timeoutMs = 2000): Promise<void> {
    if (this.enabled) await Sentry.close(timeoutMs);
  }
}

/**
 * Counts events of one kind and reports a burst once: the first time `threshold` of them fall in
 * one minute, one event with the count; then nothing more until the next minute. (A refused
 * webhook signature now and then is noise; a thousand a minute is an attack or a rotated secret.)
 */
export class BurstAlert {
  private windowStart = 0;
  private count = 0;

  constructor(
    private readonly threshold: number,
    private readonly report: (count: number) => void,
    private readonly windowMs = 60_000,
  ) {}

  record(now: number = Date.now()): void {
    if (now - this.windowStart >= this.windowMs) {
      this.windowStart = now;
      this.count = 0;
    }
    this.count += 1;
    if (this.count === this.threshold) this.report(this.count);
  }
}
