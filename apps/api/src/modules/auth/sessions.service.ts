import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { hashSecret, randomSecret } from '../../common/crypto';
import type { UserActor } from './access/actor';
import { accountSuspended } from './auth.errors';
import { AuthCache, CachedSession } from './auth-cache';
import type { Tx } from '../../database/database';
import { SessionsRepository } from './persistence/sessions.repository';
import { SESSION_TTL_MS, shouldRefreshSession, slidSessionExpiry } from './sign-in-rules';

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

/**
 * Server-side sessions: created at sign-in, looked up by the hash of the cookie (cached briefly, see
 * AuthCache), sliding (30 days after the last use, but never more than 90 days after sign-in), revocable.
 */
@Injectable()
export class SessionsService {
  constructor(
    private readonly sessions: SessionsRepository,
    private readonly clock: Clock,
    private readonly cache: AuthCache,
  ) {}

  /** A session; with `trialId`, a trial session (the email not yet proven: see UserActor.trialId). */
  async create(userId: string, client: ClientInfo = {}, tx?: Tx, trialId: string | null = null): Promise<NewSession> {
    const token = randomSecret(32);
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + SESSION_TTL_MS);
    const id = await this.sessions.create(
      { userId, tokenHash: hashSecret(token), expiresAt, now, ip: client.ip ?? null, userAgent: client.userAgent?.slice(0, 400) ?? null, trialId },
      tx,
    );
    return { token, id, expiresAt };
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
    if (!shouldRefreshSession(session.expiresAt, now, session.createdAt)) return { actor: session.actor, expiresAt: session.expiresAt, refreshed: false };

    const expiresAt = slidSessionExpiry(now, session.createdAt);
    // Moved in memory first, so that concurrent requests on this session do not write it too.
    this.cache.sessionExtended(tokenHash, { actor: session.actor, expiresAt, createdAt: session.createdAt });
    let extended: boolean;
    try {
      extended = await this.sessions.extend(session.actor.sessionId, expiresAt, now);
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
    const found = await this.sessions.findLive(tokenHash, now);
    if (!found) return null;
    // Thrown, not cached: a suspended user is asked of the database on every request.
    if (found.user.suspendedAt) throw accountSuspended(found.user.suspensionReason);
    // A trial session never carries staff's role: its email is not proven.
    const user = found.trialId && found.user.role === 'admin' ? { ...found.user, role: 'user' as const } : found.user;
    return { actor: { kind: 'user', user, sessionId: found.sessionId, trialId: found.trialId }, expiresAt: found.expiresAt, createdAt: found.createdAt };
  }

  /** Signs one session out; it answers 401 from the next request on, on every instance. */
  async revoke(sessionId: string): Promise<void> {
    await this.sessions.revoke(sessionId, this.clock.now());
    await this.cache.invalidateSession(sessionId);
  }

  /** Signs a user out everywhere (suspension, "sign out of all devices"). Returns how many were open. */
  async revokeAllForUser(userId: string): Promise<number> {
    const count = await this.sessions.revokeAllForUser(userId, this.clock.now());
    await this.cache.invalidateUser(userId);
    return count;
  }
}
