import type { FastifyReply, FastifyRequest } from 'fastify';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Latency buckets in seconds: an API answer is counted in milliseconds, a slow one in seconds. */
const LATENCY_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** Status labels by hundred, made once (a label per exact status would multiply the series). */
const STATUS_CLASSES = ['1xx', '2xx', '3xx', '4xx', '5xx'];

type Observer = { observe(value: number): void };

/**
 * The process's Prometheus metrics (prom-client), in a registry of its own (not prom-client's
 * global one: two apps in one test process keep their counts apart). Modules add theirs through
 * {@link counter}, {@link gauge} and {@link histogram}; what is costly to know (queue depths, the
 * oldest pending webhook) is a gauge with a `collect` function, read when Prometheus scrapes and
 * never on a request's path. Served by MetricsServer (METRICS_PORT) or at /metrics with
 * METRICS_TOKEN; never publicly.
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly requestDuration: Histogram<'method' | 'route' | 'status'>;
  /** One histogram child per method, route template and status class, found without building a label set per request. */
  private readonly requestObservers = new Map<string, Observer>();

  constructor(defaultLabels: Record<string, string> = {}) {
    this.registry.setDefaultLabels(defaultLabels);
    this.requestDuration = this.histogram({
      name: 'http_request_duration_seconds',
      help: 'Time to answer an HTTP request, by method, route template (never the raw URL) and status class',
      labelNames: ['method', 'route', 'status'],
      buckets: LATENCY_BUCKETS,
    });
  }

  counter<L extends string>(config: { name: string; help: string; labelNames?: readonly L[] }): Counter<L> {
    return new Counter<L>({ ...config, registers: [this.registry] });
  }

  gauge<L extends string>(config: { name: string; help: string; labelNames?: readonly L[]; collect?: (this: Gauge<L>) => void | Promise<void> }): Gauge<L> {
    return new Gauge<L>({ ...config, registers: [this.registry] });
  }

  histogram<L extends string>(config: { name: string; help: string; labelNames?: readonly L[]; buckets?: number[] }): Histogram<L> {
    return new Histogram<L>({ ...config, registers: [this.registry] });
  }

  /**
   * Records one answered request (the onResponse hook). The route is the template Fastify matched
   * (`/v1/calls/:id`), or `unmatched` for what no route took (404s, the SPA's history fallback), so
   * that the series stay few whatever URLs clients send.
   */
  observeRequest(request: FastifyRequest, reply: FastifyReply, elapsedMs: number): void {
    const route = request.routeOptions.url ?? 'unmatched';
    const status = STATUS_CLASSES[Math.floor(reply.statusCode / 100) - 1] ?? 'other';
    const key = `${request.method} ${status} ${route}`;
    let observer = this.requestObservers.get(key);
    if (!observer) {
      observer = this.requestDuration.labels(request.method, route, status);
      this.requestObservers.set(key, observer);
    }
    observer.observe(elapsedMs / 1000);
  }

  /** The text exposition Prometheus reads. */
  async exposition(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}
