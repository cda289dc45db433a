import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import type { UserRole } from '@beaker/contracts';
import { Clock } from '../../common/clock';
import { hashSecret, randomSecret } from '../../common/crypto';
import type { UserActor } from './access/actor';
import { AccountSuspended } from './auth.errors';
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

/** Server-side sessions: created at sign-in, looked up by the hash of the cookie, sliding, revocable. */
@Injectable()
export class SessionsService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

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
   * The session of a cookie value, or null when unknown, revoked or expired. One query; a second
   * (the sliding expiry) at most once an hour per session. Suspended users → AUTH.SUSPENDED.
   */
  async authenticate(token: string): Promise<AuthenticatedSession | null> {
    if (!token || token.length > 200) return null;
    const now = this.clock.now();
    const rows: SessionRow[] = await this.db.query(
      `SELECT s.id AS session_id, s.expires_at, u.id, u.email, u.role, u.last_sign_in_at, u.suspended_at, u.created_at, u.updated_at
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2`,
      [hashSecret(token), now],
    );
    const row = rows[0];
    if (!row) return null;
    if (row.suspended_at) throw new AccountSuspended();
    let expiresAt = row.expires_at;
    let refreshed = false;
    if (shouldRefreshSession(expiresAt, now)) {
      expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
      await this.db.query(`UPDATE sessions SET expires_at = $2, last_seen_at = $3 WHERE id = $1 AND revoked_at IS NULL`, [row.session_id, expiresAt, now]);
      refreshed = true;
    }
    const user: User = {
      id: row.id,
      email: row.email,
      role: row.role,
      lastSignInAt: row.last_sign_in_at,
      suspendedAt: row.suspended_at,
      createdAt: row.created_at,
      updatedAt: row.updated_at,
    };
    return { actor: { kind: 'user', user, sessionId: row.session_id }, expiresAt, refreshed };
  }

  /** Signs one session out; it answers 401 from the next request on. */
  async revoke(sessionId: string): Promise<void> {
    await this.db.query(`UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [sessionId, this.clock.now()]);
  }

  /** Signs a user out everywhere (suspension, "sign out of all devices"). Returns how many were open. */
  async revokeAllForUser(userId: string): Promise<number> {
    const [, count] = (await this.db.query(`UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL`, [
      userId,
      this.clock.now(),
    ])) as [unknown, number];
    return count;
  }
}
