import { Injectable } from '@nestjs/common';
import type { UserRole } from '@beaker/contracts';
import { Database, type Tx } from '../../../database/database';
import type { User } from '../entities/user.entity';
import { userFromRow } from './users.repository';

export interface SessionWithUser {
  sessionId: string;
  expiresAt: Date;
  createdAt: Date;
  user: User;
  /** A trial session's trial (the email not yet proven), else null. */
  trialId: string | null;
}

interface SessionRow {
  session_id: string;
  expires_at: Date;
  session_created_at: Date;
  trial_id: string | null;
  id: string;
  email: string;
  role: UserRole;
  last_sign_in_at: Date | null;
  suspended_at: Date | null;
  suspension_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

/** `sessions`: signed-in browsers, by the hash of their cookie. The lookups run on most requests: prepared statements. */
@Injectable()
export class SessionsRepository {
  constructor(private readonly db: Database) {}

  async create(
    session: { userId: string; tokenHash: string; expiresAt: Date; now: Date; ip: string | null; userAgent: string | null; trialId?: string | null },
    tx?: Tx,
  ): Promise<string> {
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO sessions (user_id, token_hash, expires_at, last_seen_at, ip, user_agent, created_at, trial_id)
       VALUES ($1, $2, $3, $4, $5, $6, $4, $7) RETURNING id`,
      [session.userId, session.tokenHash, session.expiresAt, session.now, session.ip, session.userAgent, session.trialId ?? null],
      tx,
    );
    return row.id;
  }

  /** The live session of a token hash, with its user (suspended or not: the caller decides). */
  async findLive(tokenHash: string, now: Date): Promise<SessionWithUser | null> {
    const { rows } = await this.db.prepared<SessionRow>(
      'auth-session-by-token-v4',
      `SELECT s.id AS session_id, s.expires_at, s.created_at AS session_created_at, s.trial_id, u.id, u.email, u.role, u.last_sign_in_at, u.suspended_at, u.suspension_reason, u.created_at, u.updated_at
         FROM sessions s JOIN users u ON u.id = s.user_id
        WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2`,
      [tokenHash, now],
    );
    const row = rows[0];
    return row ? { sessionId: row.session_id, expiresAt: row.expires_at, createdAt: row.session_created_at, user: userFromRow(row), trialId: row.trial_id } : null;
  }

  /** Slides a live session's expiry; false when it was revoked or ended meanwhile. */
  async extend(sessionId: string, expiresAt: Date, now: Date): Promise<boolean> {
    const { count } = await this.db.prepared(
      'auth-session-extend',
      `UPDATE sessions SET expires_at = $2, last_seen_at = $3 WHERE id = $1 AND revoked_at IS NULL AND expires_at > $3`,
      [sessionId, expiresAt, now],
    );
    return count === 1;
  }

  async revoke(sessionId: string, now: Date): Promise<void> {
    await this.db.execute(`UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [sessionId, now]);
  }

  /** Revokes every open session of a user; how many there were. */
  revokeAllForUser(userId: string, now: Date, tx?: Tx): Promise<number> {
    return this.db.execute(`UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL`, [userId, now], tx);
  }

  /** Deletes up to `limit` sessions that ended (expired or revoked) before `before`. */
  deleteEndedBefore(before: Date, limit: number): Promise<number> {
    return this.db.execute(`DELETE FROM sessions WHERE id IN (SELECT id FROM sessions WHERE expires_at < $1 OR revoked_at < $1 LIMIT $2)`, [before, limit]);
  }

  /** A user's sessions for staff, newest first (never the hash). */
  listForUser(userId: string, limit: number): Promise<{ id: string; created_at: Date; last_seen_at: Date; expires_at: Date; revoked_at: Date | null; ip: string | null; user_agent: string | null }[]> {
    return this.db.query(
      `SELECT id, created_at, last_seen_at, expires_at, revoked_at, ip, user_agent FROM sessions WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2`,
      [userId, limit],
    );
  }
}
