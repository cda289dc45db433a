import { Injectable } from '@nestjs/common';
import { Database, type Tx } from '../../database/database';

export interface StoredAnswer {
  request_sha256: string;
  response_status: number | null;
  response_body: unknown;
}

/** idempotency_keys: each POST's key, the hash of its request and the answer it got. */
@Injectable()
export class IdempotencyKeysRepository {
  constructor(private readonly db: Database) {}

  /**
   * Claims the key for this request in `tx`: true when it is ours (new, or its 24 hours are over).
   * A concurrent claim of the same key waits here until the first transaction ends, then sees it.
   */
  async claim(scope: string, key: string, requestSha256: string, now: Date, expiresAt: Date, tx: Tx): Promise<boolean> {
    const { rows } = await this.db.prepared(
      'idempotency-claim',
      `INSERT INTO idempotency_keys (scope, key, request_sha256, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (scope, key) DO UPDATE
         SET request_sha256 = EXCLUDED.request_sha256, response_status = NULL, response_body = NULL,
             created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
         WHERE idempotency_keys.expires_at <= $4
       RETURNING 1`,
      [scope, key, requestSha256, now, expiresAt],
      tx,
    );
    return rows.length > 0;
  }

  /**
   * Claims the key for work done outside a transaction (IdempotencyService.runOutsideTransaction),
   * committed at once: true when it is ours (new, its 24 hours over, or claimed before
   * `abandonedBefore` and never answered: its process died mid-work).
   */
  async claimCommitted(scope: string, key: string, requestSha256: string, now: Date, expiresAt: Date, abandonedBefore: Date): Promise<boolean> {
    const { rows } = await this.db.prepared(
      'idempotency-claim-committed',
      `INSERT INTO idempotency_keys (scope, key, request_sha256, created_at, expires_at) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (scope, key) DO UPDATE
         SET request_sha256 = EXCLUDED.request_sha256, response_status = NULL, response_body = NULL,
             created_at = EXCLUDED.created_at, expires_at = EXCLUDED.expires_at
         WHERE idempotency_keys.expires_at <= $4 OR (idempotency_keys.response_status IS NULL AND idempotency_keys.created_at <= $6)
       RETURNING 1`,
      [scope, key, requestSha256, now, expiresAt, abandonedBefore],
    );
    return rows.length > 0;
  }

  /** Frees a key whose work failed (still unanswered, and still this request's), so that a retry may do it. */
  async release(scope: string, key: string, requestSha256: string): Promise<void> {
    await this.db.execute(`DELETE FROM idempotency_keys WHERE scope = $1 AND key = $2 AND request_sha256 = $3 AND response_status IS NULL`, [scope, key, requestSha256]);
  }

  async answer(scope: string, key: string, tx?: Tx): Promise<StoredAnswer | null> {
    const { rows } = await this.db.prepared<StoredAnswer>(
      'idempotency-answer',
      `SELECT request_sha256, response_status, response_body FROM idempotency_keys WHERE scope = $1 AND key = $2`,
      [scope, key],
      tx,
    );
    return rows[0] ?? null;
  }

  async saveAnswer(scope: string, key: string, status: number, body: unknown, tx?: Tx): Promise<void> {
    await this.db.prepared(
      'idempotency-save-answer',
      `UPDATE idempotency_keys SET response_status = $3, response_body = $4 WHERE scope = $1 AND key = $2`,
      [scope, key, status, JSON.stringify(body)],
      tx,
    );
  }

  /** Deletes keys whose 24 hours are over; returns how many. */
  purgeExpired(now: Date, limit: number): Promise<number> {
    return this.db.execute(
      `DELETE FROM idempotency_keys WHERE ctid IN (SELECT ctid FROM idempotency_keys WHERE expires_at <= $1 LIMIT $2)`,
      [now, limit],
    );
  }
}
