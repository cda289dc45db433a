import { Injectable, Logger, NotFoundException, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type { FastifyInstance } from 'fastify';
import { createServer, type Server } from 'node:http';
import { timingSafeEqual, createHash } from 'node:crypto';
import { AppConfig } from '../../config/app-config';
import { toProblem } from '../errors/problem.filter';
import { Metrics } from './metrics';

/**
 * GET /metrics on METRICS_PORT, a port of its own (bind it to the private network; the public
 * load balancer never forwards to it). Nothing else is served there. Started with the application,
 * closed with it; each process (api, worker) needs its own port.
 */
@Injectable()
export class MetricsServer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('Metrics');
  private server?: Server;

  constructor(
    private readonly config: AppConfig,
    private readonly metrics: Metrics,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const port = this.config.env.METRICS_PORT;
    if (port === undefined) return;
    const server = createServer((request, response) => {
      if (request.method !== 'GET' || request.url?.split('?')[0] !== '/metrics') {
        response.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
        return;
      }
      this.metrics.exposition().then(
        ({ contentType, body }) => response.writeHead(200, { 'content-type': contentType }).end(body),
        (err: Error) => {
          this.logger.warn({ err: err.message }, 'metrics could not be collected');
          response.writeHead(500, { 'content-type': 'text/plain' }).end('metrics unavailable\n');
        },
      );
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, this.config.env.HOST, () => resolve());
    });
    this.server = server;
    this.logger.log(`metrics at http://${this.config.env.HOST}:${port}/metrics`);
  }

  async onApplicationShutdown(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

const digest = (value: string): Buffer => createHash('sha256').update(value).digest();

/**
 * GET /metrics on the public port, for a scraper that cannot reach a private one: only with
 * `Authorization: Bearer <METRICS_TOKEN>` (compared in constant time); anything else is a 404, as
 * if there were no such route. Not registered at all without METRICS_TOKEN. Kept out of the API
 * document: it is for operators, not integrators.
 */
export function registerMetricsRoute(fastify: FastifyInstance, metrics: Metrics, token: string | undefined): void {
  if (!token) return;
  const expected = digest(`Bearer ${token}`);
  fastify.get('/metrics', async (request, reply) => {
    const given = request.headers.authorization;
    if (typeof given !== 'string' || !timingSafeEqual(digest(given), expected)) {
      const { problem } = toProblem(new NotFoundException('Cannot GET /metrics'));
      return reply.status(problem.status).type('application/problem+json').send(problem);
    }
    const { contentType, body } = await metrics.exposition();
    return reply.type(contentType).header('cache-control', 'no-store').send(body);
  });
}
