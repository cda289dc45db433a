import { Injectable } from '@nestjs/common';
import { paginate, type PageQueryDto } from '../../../common/http/pagination';
import { Database, type Tx } from '../../../database/database';
import { ApiKey } from '../entities/api-key.entity';

/** `api_keys`: integrators' keys, by the hash of the key. */
@Injectable()
export class ApiKeysRepository {
  constructor(private readonly db: Database) {}

  async create(key: { businessId: string; name: string; prefix: string; keyHash: string; createdByUserId: string | null; now: Date }, tx?: Tx): Promise<{ id: string; createdAt: Date }> {
    const [row] = await this.db.query<{ id: string; created_at: Date }>(
      `INSERT INTO api_keys (business_id, name, prefix, key_hash, created_by_user_id, created_at)
       VALUES ($1, $2, $3, $4, $5, $6) RETURNING id, created_at`,
      [key.businessId, key.name, key.prefix, key.keyHash, key.createdByUserId, key.now],
      tx,
    );
    return { id: row.id, createdAt: row.created_at };
  }

  /** Newest first, revoked ones included. */
  listForBusiness(businessId: string, page: PageQueryDto) {
    return paginate(this.db.repository(ApiKey).createQueryBuilder('k').where('k.businessId = :businessId', { businessId }), page);
  }

  /** Revokes a key of this business (idempotent); false when the business has no such key. */
  async revoke(businessId: string, keyId: string, now: Date): Promise<boolean> {
    return (await this.db.execute(`UPDATE api_keys SET revoked_at = COALESCE(revoked_at, $3) WHERE id = $1 AND business_id = $2`, [keyId, businessId, now])) > 0;
  }

  /** The live key of a hash, and whether the person who created it is suspended (their keys stop with them). */
  findLive(keyHash: string): Promise<{ id: string; business_id: string; last_used_at: Date | null; creator_suspended: boolean } | null> {
    return this.db.one(
      `SELECT k.id, k.business_id, k.last_used_at, (u.suspended_at IS NOT NULL) AS creator_suspended
         FROM api_keys k LEFT JOIN users u ON u.id = k.created_by_user_id
        WHERE k.key_hash = $1 AND k.revoked_at IS NULL`,
      [keyHash],
    );
  }

  /** Records a use, unless one was recorded since `notSince` (concurrent requests write a minute once). */
  async touch(keyId: string, now: Date, notSince: Date): Promise<void> {
    await this.db.execute(`UPDATE api_keys SET last_used_at = $2 WHERE id = $1 AND (last_used_at IS NULL OR last_used_at <= $3)`, [keyId, now, notSince]);
  }
}
