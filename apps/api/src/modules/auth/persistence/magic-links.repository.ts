import { Injectable } from '@nestjs/common';
import { Database, type Tx } from '../../../database/database';

export interface MagicLinkRow {
  id: string;
  email: string;
  expires_at: Date;
  used_at: Date | null;
}

/** `magic_links`: sign-in links, by the hash of their token. */
@Injectable()
export class MagicLinksRepository {
  constructor(private readonly db: Database) {}

  async create(link: { email: string; tokenHash: string; requestedIp: string | null; expiresAt: Date; now: Date }): Promise<void> {
    await this.db.execute(`INSERT INTO magic_links (email, token_hash, requested_ip, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)`, [
      link.email,
      link.tokenHash,
      link.requestedIp,
      link.expiresAt,
      link.now,
    ]);
  }

  /** The link of a token hash, locked until `tx` ends: two clicks racing on one link → the second waits, then sees it used. */
  lockByToken(tokenHash: string, tx: Tx): Promise<MagicLinkRow | null> {
    return this.db.one<MagicLinkRow>(`SELECT id, email, expires_at, used_at FROM magic_links WHERE token_hash = $1 FOR UPDATE`, [tokenHash], tx);
  }

  async markUsed(id: string, now: Date, tx: Tx): Promise<void> {
    await this.db.execute(`UPDATE magic_links SET used_at = $2 WHERE id = $1`, [id, now], tx);
  }

  /** Deletes up to `limit` links (used or not) that expired before `before`. */
  deleteExpiredBefore(before: Date, limit: number): Promise<number> {
    return this.db.execute(`DELETE FROM magic_links WHERE id IN (SELECT id FROM magic_links WHERE expires_at < $1 LIMIT $2)`, [before, limit]);
  }
}
