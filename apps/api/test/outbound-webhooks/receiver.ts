import { createServer, type IncomingHttpHeaders, type Server, type ServerResponse } from 'node:http';

export interface Received {
  headers: IncomingHttpHeaders;
  /** The raw body, as the receiver must verify it. */
  body: string;
  /** performance.now() when the whole body had arrived. */
  at: number;
}

/** What the receiver does with a request: answer (status, body), or never answer. */
export type Behaviour = { status: number; body?: string } | 'hang';

/** A local HTTP server standing in for an integrator's endpoint: records every request, answers as told. */
export class WebhookReceiver {
  readonly received: Received[] = [];
  behaviour: Behaviour = { status: 200, body: 'ok' };
  private server?: Server;
  private hanging = new Set<ServerResponse>();
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}/beaker-webhooks`;
  }

  async start(): Promise<void> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        this.received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), at: performance.now() });
        const behaviour = this.behaviour;
        if (behaviour === 'hang') {
          this.hanging.add(res);
          res.on('close', () => this.hanging.delete(res));
          return;
        }
        res.writeHead(behaviour.status, { 'content-type': 'text/plain' }).end(behaviour.body ?? '');
      });
    });
    this.server.keepAliveTimeout = 1000;
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as { port: number }).port;
  }

  /** The events received, parsed. */
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  events(): any[] {
    return this.received.map((r) => JSON.parse(r.body));
  }

  clear(): void {
    this.received.length = 0;
  }

  async stop(): Promise<void> {
    for (const res of this.hanging) res.destroy();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }
}
