import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource, EntityManager } from 'typeorm';
import type { UserRole } from '@beaker/contracts';
import { Clock } from '../../common/clock';
import { hashSecret, randomSecret } from '../../common/crypto';
import type { UserActor } from './access/actor';
import { AccountSuspended } from './auth.errors';
import { AuthCache, CachedSession } from './auth-cache';
import type { User } from './entities/user.entity';
import { SESSION_TTL_MS, shouldRefreshSession } from './sign-in-rules';

export interface NewSession {
  /** The secret for the cookie; only its hash is stored. Never log it. */
  token: string;
  id: string;
  expiresAt: Date;
}

export interface AuthenticatedSession {
  actor: UserActor;
  expiresAt: Date;
  /** Set when this request moved the expiry forward: the cookies are re-issued with it. */
  refreshed: boolean;
}

export interface ClientInfo {
  ip?: string | null;
  userAgent?: string | null;
}

interface SessionRow {
  session_id: string;
  expires_at: Date;
  id: string;
  email: string;
  role: UserRole;
  last_sign_in_at: Date | null;
  suspended_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** Server-side sessions: created at sign-in, looked up by the hash of the cookie (cached briefly, see AuthCache), sliding, revocable. */
@Injectable()
export class SessionsService {
  private readonly pool: Pool;

  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly cache: AuthCache,
  ) {
    // Straight to pg for the per-request lookup: a named statement, none of TypeORM's per-query work.
    this.pool = (db.driver as unknown as { master: Pool }).master;
  }

  async create(userId: string, client: ClientInfo = {}, manager: EntityManager = this.db.manager): Promise<NewSession> {
    const token = randomSecret(32);
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    const rows: { id: string }[] = await manager.query(
      `INSERT INTO sessions (user_id, token_hash, expires_at, last_seen_at, ip, user_agent, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $4) RETURNING id`,
      [userId, hashSecret(token), expiresAt, now, client.ip ?? null, client.userAgent?.slice(0, 400) ?? null],
    );
    return { token, id: rows[0].id, expiresAt };
  }

  /**
   * The session of a cookie value, or null when unknown, revoked or expired. From the AuthCache
   * when this process saw the session in the last few seconds, else one query; a write (the
   * sliding expiry) at most once an hour per session. Suspended users → AUTH.SUSPENDED.
   */
  async authenticate(token: string): Promise<AuthenticatedSession | null> {
    if (!token || token.length > 200) return null;
    const tokenHash = hashSecret(token);
    const now = this.clock.now();
    let session: CachedSession | null | undefined = this.cache.cachedSession(tokenHash);
    // A cached expiry in the past may be stale (another instance slid it): ask the database.
    if (!session || session.expiresAt.getTime() <= now.getTime()) session = await this.cache.loadSession(tokenHash, () => this.lookup(tokenHash, now));
    if (!session) return null;
    if (!shouldRefreshSession(session.expiresAt, now)) return { actor: session.actor, expiresAt: session.expiresAt, refreshed: false };

    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    // Moved in memory first, so that concurrent requests on this session do not write it too.
    this.cache.sessionExtended(tokenHash, { actor: session.actor, expiresAt });
    let extended: boolean;
    try {
      const { rowCount } = await this.pool.query({
        name: 'auth-session-extend',
        text: `UPDATE sessions SET expires_at = $2, last_seen_at = $3 WHERE id = $1 AND revoked_at IS NULL AND expires_at > $3`,
        values: [session.actor.sessionId, expiresAt, now],
      });
      extended = rowCount === 1;
    } catch (err) {
      this.cache.forgetSession(tokenHash);
      throw err;
    }
    if (!extended) {
      // Revoked (or ended) since it was cached.
      this.cache.forgetSession(tokenHash);
      return null;
    }
    return { actor: session.actor, expiresAt, refreshed: true };
  }

  /** One indexed query (a prepared statement on each pooled connection), the user joined. */
  private async lookup(tokenHash: string, now: Date): Promise<CachedSession | null> {
    const { rows } = await this.pool.query<SessionRow>({
      name: 'auth-session-by-token',
      text: `SELECT s.id AS session_id, s.expires_at, u.id, u.email, u.role, u.last_sign_in_at, u.suspended_at, u.created_at, u.updated_at
               FROM sessions s JOIN users u ON u.id = s.user_id
              WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2`,
      values: [tokenHash, now],
    });
    const row = rows[0];
    if (!row) return null;
    // Thrown, not cached: a suspended user is asked of the database on every request.
    if (row.suspended_at) throw new AccountSuspended();
    const user: User = {
      id: row.id,
      email: row.email,
      role: row.role,
      lastSignInAt: row.last_sign_in_at,
      suspendedAt: row.suspended_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
    return { actor: { kind: 'user', user, sessionId: row.session_id }, expiresAt: row.expires_at };
  }

  /** Signs one session out; it answers 401 from the next request on, on every instance. */
  async revoke(sessionId: string): Promise<void> {
    await this.db.query(`UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [sessionId, this.clock.now()]);
    await this.cache.invalidateSession(sessionId);
  }

  /** Signs a user out everywhere (suspension, "sign out of all devices"). Returns how many were open. */
  async revokeAllForUser(userId: string): Promise<number> {
    const [, count] = (await this.db.query(`UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL`, [
      userId,
      this.clock.now(),
    ])) as [unknown, number];
    await this.cache.invalidateUser(userId);
    return count;
  }
}
