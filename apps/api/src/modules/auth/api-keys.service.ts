import { Injectable, Logger } from '@nestjs/common';
import type { ApiKeyCreated, ApiKeySummary, Page } from '@beaker/contracts';
import { Clock } from '../../common/clock';
import { hashSecret, randomSecret } from '../../common/crypto';
import { NotFound, RateLimited, Unauthenticated } from '../../common/errors/common.errors';
import type { DeclaredError } from '../../common/http/endpoint';
import { PageQueryDto } from '../../common/http/pagination';
import { IdempotencyService } from '../../common/idempotency/idempotency.service';
import { RateLimiter, RateLimitRule } from '../../common/rate-limit/rate-limiter';
import { SecretBox } from '../../common/secret-box';
import { AppConfig } from '../../config/app-config';
import type { ApiKeyActor } from './access/actor';
import type { ApiKey } from './entities/api-key.entity';
import { ApiKeysRepository } from './persistence/api-keys.repository';

export const API_KEY_REQUESTS: RateLimitRule = { name: 'api-key', limit: 600, windowSeconds: 60 };
/** The per-key limit as the routes API keys may call declare it (authentication counts every request a key makes). */
export const API_KEY_LIMITED: DeclaredError = {
  error: RateLimited,
  note: `an API key over ${API_KEY_REQUESTS.limit} requests in ${API_KEY_REQUESTS.windowSeconds} s, with Retry-After`,
};
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
    private readonly keys: ApiKeysRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly rateLimiter: RateLimiter,
    private readonly idempotency: IdempotencyService,
    private readonly box: SecretBox,
  ) {}

  /** `bk_test_` in sandbox mode, so that a key never crosses from a sandbox to live by mistake. */
  get keyPrefix(): string {
    return this.config.isSandbox ? 'bk_test_' : 'bk_live_';
  }

  /**
   * A new key, in this answer only. With an Idempotency-Key (`scope`: whose keys they are), a retry
   * of the same request answers the same key for 24 hours: the stored answer holds it sealed
   * (SecretBox, like outbound webhooks' secrets), never in plaintext; the table keeps only its hash.
   */
  async create(businessId: string, name: string, createdByUserId: string | null): Promise<ApiKeyCreated> {
    return (await this.createIdempotently(businessId, name, createdByUserId, { scope: '', key: undefined })).created;
  }

  async createIdempotently(
    businessId: string,
    name: string,
    createdByUserId: string | null,
    idempotency: { scope: string; key: string | undefined },
  ): Promise<{ created: ApiKeyCreated; replayed: boolean }> {
    const answer = await this.idempotency.run(idempotency.scope, idempotency.key, { method: 'POST', path: 'api-keys', businessId, body: { name } }, 201, async (tx) => {
      const secret = randomSecret(32);
      const key = `${this.keyPrefix}${secret}`;
      const prefix = `${this.keyPrefix}${secret.slice(0, PREFIX_SECRET_CHARS)}`;
      const created = await this.keys.create({ businessId, name, prefix, keyHash: hashSecret(key), createdByUserId, now: this.clock.now() }, tx);
      return { id: created.id, name, prefix, sealedKey: this.box.seal(key), createdAt: created.createdAt.toISOString() };
    });
    const { sealedKey, ...created } = answer.body;
    return { created: { ...created, key: this.box.open(sealedKey) }, replayed: answer.replayed };
  }

  /** Newest first, revoked ones included (with revokedAt). */
  async list(businessId: string, query: PageQueryDto): Promise<Page<ApiKeySummary>> {
    const page = await this.keys.listForBusiness(businessId, query);
    return { items: page.items.map(toSummary), nextCursor: page.nextCursor };
  }

  /** Revokes a key of this business; a key of another business is a 404. Idempotent. */
  async revoke(businessId: string, keyId: string): Promise<void> {
    if (!UUID.test(keyId)) throw new NotFound('No such API key');
    if (!(await this.keys.revoke(businessId, keyId, this.clock.now()))) throw new NotFound('No such API key');
  }

  /**
   * The actor of a presented key, or null when it is unknown or revoked. One indexed lookup and,
   * at the same time, the per-key rate limit (keyed by the key's hash, so both run in parallel):
   * 429 when over. last_used_at is refreshed in the background, at most once a minute.
   */
  async authenticate(presented: string): Promise<ApiKeyActor | null> {
    if (!API_KEY_SHAPE.test(presented)) return null;
    const keyHash = hashSecret(presented);
    const [key, limit] = await Promise.all([this.keys.findLive(keyHash), this.rateLimiter.hit(API_KEY_REQUESTS, keyHash)]);
    if (!key) return null;
    // Not cached anywhere (one lookup per request), so a suspension stops the key on every instance at once.
    // A 401 like any dead key: every route that takes keys declares it.
    if (key.creator_suspended) throw new Unauthenticated('The account that created this API key is suspended');
    if (!limit.allowed) {
      throw new RateLimited(`Too many requests for this API key; try again in ${limit.retryAfterSeconds} s`, { retryAfterSeconds: limit.retryAfterSeconds });
    }
    const now = this.clock.now();
    if (!key.last_used_at || now.getTime() - key.last_used_at.getTime() >= API_KEY_LAST_USED_RESOLUTION_MS) {
      // Not awaited: the request does not wait for bookkeeping. The condition keeps concurrent
      // requests from writing the same minute twice.
      this.keys
        .touch(key.id, now, new Date(now.getTime() - API_KEY_LAST_USED_RESOLUTION_MS))
        .catch((err: Error) => this.logger.warn({ apiKeyId: key.id, err: err.message }, 'could not record API key use'));
    }
    return { kind: 'api_key', businessId: key.business_id, apiKeyId: key.id };
  }
}
