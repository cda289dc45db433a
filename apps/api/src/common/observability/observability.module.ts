import { DynamicModule, Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { ErrorTracker } from './error-tracker';
import { Metrics } from './metrics';
import { MetricsServer } from './metrics-endpoint';

/** Flushes and stops the error tracker after everything else has shut down. */
class ErrorTrackerShutdown implements OnApplicationShutdown {
  constructor(@Inject(ErrorTracker) private readonly tracker: ErrorTracker) {}
  async onApplicationShutdown(): Promise<void> {
    await this.tracker.close();
  }
}

/**
 * Metrics and error tracking for every module: `Metrics` (prom-client, one registry per process)
 * and `ErrorTracker` (Sentry when SENTRY_DSN is set). Both are made by the entry point (the HTTP
 * hooks use them before Nest exists) and handed in here.
 */
@Global()
@Module({})
export class ObservabilityModule {
  static forRoot(instances: { metrics: Metrics; tracker: ErrorTracker }): DynamicModule {
    return {
      module: ObservabilityModule,
      providers: [{ provide: Metrics, useValue: instances.metrics }, { provide: ErrorTracker, useValue: instances.tracker }, MetricsServer, ErrorTrackerShutdown],
      exports: [Metrics, ErrorTracker],
    };
  }
}
