import { Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { Clock } from '../clock';
import { Database, type Tx } from '../../database/database';
import { IdempotencyKeyInvalid, IdempotencyKeyReused } from './idempotency.errors';
import { IdempotencyKeysRepository } from './idempotency-keys.repository';

/** How long a key answers the same response. */
export const IDEMPOTENCY_KEY_TTL_MS = 24 * 3600 * 1000;

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

  purgeExpired(limit = 5000): Promise<number> {
    return this.keys.purgeExpired(this.clock.now(), limit);
  }
}
