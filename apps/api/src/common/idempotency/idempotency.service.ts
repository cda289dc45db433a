import { ConflictException, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Clock } from '../clock';
import { Database, type Tx } from '../../database/database';
import { IdempotencyKeyInvalid, IdempotencyKeyReused } from './idempotency.errors';
import { IdempotencyKeysRepository } from './idempotency-keys.repository';
import { inBatches } from '../../database/batches';

/** How long a key answers the same response. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3600 * 1000;

/** runOutsideTransaction: how long a same-key request waits for the first one's answer, and when an unanswered claim counts as abandoned. */
export const IN_FLIGHT_WAIT_MS = 60_000;

/** Printable ASCII, 1 to 255 characters (a UUID is the usual choice). */
const VALID_KEY = /^[\x21-\x7e]{1,255}$/;

/** The answer of an idempotent POST: the first one, or the same one again (`replayed`). */
export interface IdempotentAnswer<T> {
  status: number;
  body: T;
  replayed: boolean;
}

/** The same JSON whatever the order of an object's keys. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value !== null && typeof value === 'object') {
    const entries = Object.keys(value as Record<string, unknown>)
      .filter((k) => (value as Record<string, unknown>)[k] !== undefined)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((value as Record<string, unknown>)[k])}`);
    return `{${entries.join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/**
 * Stripe's Idempotency-Key semantics for a POST: the first request with a key does the work; the
 * same key with the same body answers the first answer again for 24 hours; the same key with
 * another body is refused (422 IDEMPOTENCY.KEY_REUSED). The key is claimed, the work done and the
 * answer stored in one transaction: a request that fails stores nothing (the key stays free for a
 * retry), and a retry that arrives while the first is still running waits for it and then gets
 * its answer.
 */
@Injectable()
export class IdempotencyService {
  constructor(
    private readonly db: Database,
    private readonly keys: IdempotencyKeysRepository,
    private readonly clock: Clock,
  ) {}

  /** Refuses a malformed key (400) before any work. */
  static check(key: string): string {
    if (!VALID_KEY.test(key)) throw new IdempotencyKeyInvalid('Idempotency-Key must be 1 to 255 printable ASCII characters, e.g. a UUID');
    return key;
  }

  /**
   * Runs `work` once per (scope, key): `scope` keeps callers' keys apart (`api-key:<id>`), `request`
   * is what makes two requests "the same" (method, path and body). Without a key, just runs it.
   */
  async run<T>(scope: string, key: string | undefined, request: unknown, status: number, work: (tx: Tx) => Promise<T>): Promise<IdempotentAnswer<T>> {
    if (key === undefined) return { status, body: await this.db.transaction(work), replayed: false };
    IdempotencyService.check(key);
    const sha256 = createHash('sha256').update(canonicalJson(request), 'utf8').digest('hex');
    return this.db.transaction(async (tx) => {
      const now = this.clock.now();
      if (await this.keys.claim(scope, key, sha256, now, new Date(now.getTime() + IDEMPOTENCY_KEY_TTL_MS), tx)) {
        const body = await work(tx);
        await this.keys.saveAnswer(scope, key, status, body, tx);
        return { status, body, replayed: false };
      }
      const stored = await this.keys.answer(scope, key, tx);
      if (!stored || stored.request_sha256 !== sha256 || stored.response_status === null) {
        throw new IdempotencyKeyReused('This Idempotency-Key was already used with a different request; use a new key for a new request');
      }
      return { status: stored.response_status, body: stored.response_body as T, replayed: true };
    });
  }

  /**
   * run()'s semantics for work that calls a provider (Stripe's checkout and portal sessions): no
   * transaction, and so no pooled connection, is held open while a provider answers. The key is
   * claimed and committed first, the work done, then its answer stored; a failure frees the key for
   * a retry. A request with the same key arriving meanwhile waits for that answer (looking every
   * 100 ms, up to IN_FLIGHT_WAIT_MS), then 409; a claim never answered within IN_FLIGHT_WAIT_MS
   * (its process died mid-work) is taken over.
   */
  async runOutsideTransaction<T>(scope: string, key: string | undefined, request: unknown, status: number, work: () => Promise<T>): Promise<IdempotentAnswer<T>> {
    if (key === undefined) return { status, body: await work(), replayed: false };
    IdempotencyService.check(key);
    const sha256 = createHash('sha256').update(canonicalJson(request), 'utf8').digest('hex');
    const deadline = Date.now() + IN_FLIGHT_WAIT_MS;
    for (;;) {
      const now = this.clock.now();
      const expiresAt = new Date(now.getTime() + IDEMPOTENCY_KEY_TTL_MS);
      if (await this.keys.claimCommitted(scope, key, sha256, now, expiresAt, new Date(now.getTime() - IN_FLIGHT_WAIT_MS))) {
        let body: T;
        try {
          body = await work();
        } catch (err) {
          await this.keys.release(scope, key, sha256).catch(() => undefined);
          throw err;
        }
        await this.keys.saveAnswer(scope, key, status, body);
        return { status, body, replayed: false };
      }
      const stored = await this.keys.answer(scope, key);
      if (stored && stored.request_sha256 !== sha256) {
        throw new IdempotencyKeyReused('This Idempotency-Key was already used with a different request; use a new key for a new request');
      }
      if (stored && stored.response_status !== null) return { status: stored.response_status, body: stored.response_body as T, replayed: true };
      if (Date.now() >= deadline) throw new ConflictException('A request with this Idempotency-Key is still being processed; send it again shortly');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Retention: deletes the keys whose 24 hours are over, in batches (run by the retention job). */
  async prune(batchSize?: number): Promise<{ idempotencyKeys: number }> {
    const now = this.clock.now();
    return { idempotencyKeys: await inBatches((limit) => this.keys.purgeExpired(now, limit), batchSize) };
  }
}
