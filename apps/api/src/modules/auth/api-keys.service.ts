import { Injectable, Logger } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ApiKeyCreated, ApiKeySummary, Page } from '@beaker/contracts';
import { Clock } from '../../common/clock';
import { hashSecret, randomSecret } from '../../common/crypto';
import { NotFound, RateLimited } from '../../common/errors/common.errors';
import { PageQueryDto, paginate } from '../../common/http/pagination';
import { RateLimiter, RateLimitRule } from '../../common/rate-limit/rate-limiter';
import { AppConfig } from '../../config/app-config';
import type { ApiKeyActor } from './access/actor';
import { ApiKey } from './entities/api-key.entity';

export const API_KEY_REQUESTS: RateLimitRule = { name: 'api-key', limit: 600, windowSeconds: 60 };
/** last_used_at is written at most this often per key, not on every request. */
export const API_KEY_LAST_USED_RESOLUTION_MS = 60_000;
/** `bk_live_` + 43 base64url characters (32 bytes). */
const API_KEY_SHAPE = /^bk_(live|test)_[A-Za-z0-9_-]{43}$/;
const PREFIX_SECRET_CHARS = 4;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toSummary(key: ApiKey): ApiKeySummary {
  return {
    id: key.id,
    name: key.name,
    prefix: key.prefix,
    createdAt: key.createdAt.toISOString(),
    lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
    revokedAt: key.revokedAt?.toISOString() ?? null,
  };
}

/** Integrators' API keys: created by owners, shown once, stored hashed, revocable at once. */
@Injectable()
export class ApiKeysService {
  private readonly logger = new Logger(ApiKeysService.name);

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly rateLimiter: RateLimiter,
  ) {}

  /** `bk_test_` in sandbox mode, so that a key never crosses from a sandbox to live by mistake. */
  get keyPrefix(): string {
    return this.config.isSandbox ? 'bk_test_' : 'bk_live_';
  }

  async create(businessId: string, name: string, createdByUserId: string | null): Promise<ApiKeyCreated> {
    const secret = randomSecret(32);
    const key = `${this.keyPrefix}${secret}`;
    const prefix = `${this.keyPrefix}${secret.slice(0, PREFIX_SECRET_CHARS)}`;
    const rows: { id: string; created_at: Date }[] = await this.db.query(
      `INSERT INTO api_keys (business_id, name, prefix, key_hash, created_by_user_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, created_at`,
      [businessId, name, prefix, hashSecret(key), createdByUserId, this.clock.now()],
    );
    return { id: rows[0].id, name, prefix, key, createdAt: rows[0].created_at.toISOString() };
  }

  /** Newest first, revoked ones included (with revokedAt). */
  async list(businessId: string, query: PageQueryDto): Promise<Page<ApiKeySummary>> {
    const qb = this.db.getRepository(ApiKey).createQueryBuilder('k').where('k.businessId = :businessId', { businessId });
    const page = await paginate(qb, query);
    return { items: page.items.map(toSummary), nextCursor: page.nextCursor };
  }

  /** Revokes a key of this business; a key of another business is a 404. Idempotent. */
  async revoke(businessId: string, keyId: string): Promise<void> {
    if (!UUID.test(keyId)) throw new NotFound('No such API key');
    const [, count] = (await this.db.query(
      `UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $3) WHERE id = $1 AND business_id = $2`,
      [keyId, businessId, this.clock.now()],
    )) as [unknown, number];
    if (count === 0) throw new NotFound('No such API key');
  }

  /**
   * The actor of a presented key, or null when it is unknown or revoked. One indexed lookup and,
   * at the same time, the per-key rate limit (keyed by the key's hash, so both run in parallel):
   * 429 when over. last_used_at is refreshed in the background, at most once a minute.
   */
  async authenticate(presented: string): Promise<ApiKeyActor | null> {
    if (!API_KEY_SHAPE.test(presented)) return null;
    const keyHash = hashSecret(presented);
    const [rows, limit] = await Promise.all([
      this.db.query(`SELECT id, business_id, last_used_at FROM api_keys WHERE key_hash = $1 AND revoked_at IS NULL`, [keyHash]) as Promise<
        { id: string; business_id: string; last_used_at: Date | null }[]
      >,
      this.rateLimiter.hit(API_KEY_REQUESTS, keyHash),
    ]);
    const key = rows[0];
    if (!key) return null;
    if (!limit.allowed) {
      throw new RateLimited(`Too many requests for this API key; try again in ${limit.retryAfterSeconds} s`, { retryAfterSeconds: limit.retryAfterSeconds });
    }
    const now = this.clock.now();
    if (!key.last_used_at || now.getTime() - key.last_used_at.getTime() >= API_KEY_LAST_USED_RESOLUTION_MS) {
      // Not awaited: the request does not wait for bookkeeping. The condition keeps concurrent
      // requests from writing the same minute twice.
      this.db
        .query(`UPDATE api_keys SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at <= $3)`, [
          key.id,
          now,
          new Date(now.getTime() - API_KEY_LAST_USED_RESOLUTION_MS),
        ])
        .catch((err: Error) => this.logger.warn({ apiKeyId: key.id, err: err.message }, 'could not record API key use'));
    }
    return { kind: 'api_key', businessId: key.business_id, apiKeyId: key.id };
  }
}
