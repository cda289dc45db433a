import { Injectable } from '@nestjs/common';
import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { isIP } from 'node:net';
import { AppConfig } from '../../../config/app-config';
import { hostOf, isPublicAddress, urlRefusal, type WebhookUrlPolicy } from './address-policy';

/** What the delivery log keeps of a response body. */
export const RESPONSE_BODY_KEPT_BYTES = 2048;
/** What is read of a response body at most; the rest is not read (the connection is closed). */
export const RESPONSE_BODY_READ_BYTES = 64 * 1024;

export interface SendResult {
  /** A 2xx within the timeout. */
  ok: boolean;
  statusCode: number | null;
  latencyMs: number;
  /** The first 2 KB of the response body. */
  responseBody: string | null;
  /** Why there is no answer: timeout, refused address, connection error (never a secret). */
  error: string | null;
}

/** Resolves a host name to its addresses (the process edge: tests may replace it). */
export abstract class HostResolver {
  abstract resolve(host: string): Promise<{ address: string; family: 4 | 6 }[]>;
}

export class DnsHostResolver extends HostResolver {
  async resolve(host: string): Promise<{ address: string; family: 4 | 6 }[]> {
    const found = await lookup(host, { all: true, verbatim: true });
    return found.map((a) => ({ address: a.address, family: a.family === 6 ? 6 : 4 }));
  }
}

/**
 * POSTs one signed event to an endpoint: never follows a redirect (a 3xx is a failure), reads at
 * most 64 KB of the answer and keeps 2 KB, gives up after WEBHOOK_TIMEOUT_MS. In strict mode the
 * host is resolved first, every address it has must be public, and the connection goes to the
 * address that was checked (pinned), so a second DNS answer cannot point it inside.
 */
@Injectable()
export class WebhookSender {
  private readonly policy: WebhookUrlPolicy;
  private readonly timeoutMs: number;

  constructor(
    config: AppConfig,
    private readonly resolver: HostResolver,
  ) {
    this.policy = config.env.WEBHOOK_URL_POLICY;
    this.timeoutMs = config.env.WEBHOOK_TIMEOUT_MS;
  }

  async send(rawUrl: string, body: string, headers: Record<string, string>): Promise<SendResult> {
    const started = performance.now();
    const failed = (error: string): SendResult => ({ ok: false, statusCode: null, latencyMs: Math.round(performance.now() - started), responseBody: null, error });
    const refusal = urlRefusal(rawUrl, this.policy);
    if (refusal) return failed(`refused: ${refusal}`);
    const url = new URL(rawUrl);
    let pinned: { address: string; family: 4 | 6 } | null = null;
    if (this.policy === 'strict') {
      const host = hostOf(url);
      let addresses: { address: string; family: 4 | 6 }[];
      try {
        addresses = isIP(host) ? [{ address: host, family: isIP(host) === 6 ? 6 : 4 }] : await this.resolver.resolve(host);
      } catch {
        return failed('dns: the host name does not resolve');
      }
      if (addresses.length === 0) return failed('dns: the host name does not resolve');
      if (addresses.some((a) => !isPublicAddress(a.address))) return failed('refused: the host resolves to a private, loopback or link-local address');
      pinned = addresses[0];
    }
    return new Promise<SendResult>((resolve) => {
      let settled = false;
      const finish = (result: Omit<SendResult, 'latencyMs'>) => {
        if (settled) return;
        settled = true;
        clearTimeout(timer);
        resolve({ ...result, latencyMs: Math.round(performance.now() - started) });
        req.destroy();
      };
      const pinnedLookup: LookupFunction | undefined = pinned
        ? (_host, options, callback) => {
            const at = pinned!;
            if ((options as { all?: boolean }).all) (callback as (err: null, addresses: { address: string; family: number }[]) => void)(null, [at]);
            else callback(null, at.address, at.family);
          }
        : undefined;
      const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(url, {
        method: 'POST',
        headers: { ...headers, 'content-length': String(Buffer.byteLength(body)) },
        lookup: pinnedLookup,
        agent: false,
      });
      // The answer's status counts when it came in time, even if its body is still coming.
      let answered: (() => void) | null = null;
      const timer = setTimeout(
        () => (answered ? answered() : finish({ ok: false, statusCode: null, responseBody: null, error: `timeout: no answer within ${this.timeoutMs} ms` })),
        this.timeoutMs,
      );
      req.on('error', (err: NodeJS.ErrnoException) => finish({ ok: false, statusCode: null, responseBody: null, error: `connection: ${err.code ?? 'failed'}` }));
      req.on('response', (res: IncomingMessage) => {
        const status = res.statusCode ?? 0;
        const chunks: Buffer[] = [];
        let read = 0;
        const done = () => {
          const kept = Buffer.concat(chunks).subarray(0, RESPONSE_BODY_KEPT_BYTES).toString('utf8');
          finish({ ok: status >= 200 && status < 300, statusCode: status, responseBody: kept, error: null });
        };
        answered = done;
        res.on('data', (chunk: Buffer) => {
          if (read < RESPONSE_BODY_KEPT_BYTES) chunks.push(chunk);
          read += chunk.length;
          if (read >= RESPONSE_BODY_READ_BYTES) done();
        });
        res.on('end', done);
        res.on('error', done);
      });
      req.end(body);
    });
  }
}
