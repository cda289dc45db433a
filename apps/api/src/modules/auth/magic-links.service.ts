import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { MAGIC_LINK_TTL_MINUTES, type UserRole } from '@beaker/contracts';
import { Clock } from '../../common/clock';
import { hashSecret, randomSecret } from '../../common/crypto';
import { Mailer } from '../../common/mail/mailer';
import { RateLimiter, RateLimitRule } from '../../common/rate-limit/rate-limiter';
import { AppConfig } from '../../config/app-config';
import { AccountSuspended, TokenExpired, TokenInvalid } from './auth.errors';
import { AuthCache } from './auth-cache';
import type { User } from './entities/user.entity';
import { magicLinkEmail } from './magic-link.email';
import { ClientInfo, NewSession, SessionsService } from './sessions.service';
import { MAGIC_LINK_TTL_MS, magicLinkUrl, normalizeEmail } from './sign-in-rules';

export const MAGIC_LINK_PER_EMAIL: RateLimitRule = { name: 'magic-link-email', limit: 5, windowSeconds: 3600 };
export const MAGIC_LINK_PER_IP: RateLimitRule = { name: 'magic-link-ip', limit: 20, windowSeconds: 3600 };
export const SESSION_EXCHANGE_PER_IP: RateLimitRule = { name: 'session-exchange-ip', limit: 30, windowSeconds: 600 };

export interface SignedIn {
  user: User;
  session: NewSession;
}

interface UserRow {
  id: string;
  email: string;
  role: UserRole;
  last_sign_in_at: Date | null;
  suspended_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

/** Passwordless sign-in: a single-use link by email, exchanged for a session. */
@Injectable()
export class MagicLinksService {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly mailer: Mailer,
    private readonly rateLimiter: RateLimiter,
    private readonly sessions: SessionsService,
    private readonly config: AppConfig,
    private readonly authCache: AuthCache,
  ) {}

  /**
   * Sends a sign-in link. Does the same work whether or not the address has an account (the
   * account is created at first sign-in), so neither the answer nor its timing tells.
   */
  async request(rawEmail: string, redirectTo: string | undefined, ip: string): Promise<void> {
    const email = normalizeEmail(rawEmail);
    await this.rateLimiter.consume(MAGIC_LINK_PER_IP, ip);
    await this.rateLimiter.consume(MAGIC_LINK_PER_EMAIL, email);
    const token = randomSecret(32);
    const now = this.clock.now();
    await this.db.query(
      `INSERT INTO magic_links (email, token_hash, requested_ip, expires_at, created_at) VALUES ($1, $2, $3, $4, $5)`,
      [email, hashSecret(token), ip, new Date(now.getTime() + MAGIC_LINK_TTL_MS), now],
    );
    await this.mailer.send(magicLinkEmail(email, magicLinkUrl(this.config.appUrl, token, redirectTo), MAGIC_LINK_TTL_MINUTES));
  }

  /**
   * A sign-in link made for someone else to send (a business owner inviting a teammate): stored
   * like any link and returned, not emailed. No rate limit here: the caller limits its invitations.
   */
  async issueLink(rawEmail: string, redirectTo?: string): Promise<{ url: string; expiresInMinutes: number }> {
    const email = normalizeEmail(rawEmail);
    const token = randomSecret(32);
    const now = this.clock.now();
    await this.db.query(
      `INSERT INTO magic_links (email, token_hash, requested_ip, expires_at, created_at) VALUES ($1, $2, NULL, $3, $4)`,
      [email, hashSecret(token), new Date(now.getTime() + MAGIC_LINK_TTL_MS), now],
    );
    return { url: magicLinkUrl(this.config.appUrl, token, redirectTo), expiresInMinutes: MAGIC_LINK_TTL_MINUTES };
  }

  /**
   * Exchanges a link's token for a session: valid, unused and unexpired, once. Creates the user at
   * first sign-in; ADMIN_EMAILS become admins. All or nothing, in one transaction.
   */
  async exchange(token: string, client: ClientInfo & { ip: string }): Promise<SignedIn> {
    await this.rateLimiter.consume(SESSION_EXCHANGE_PER_IP, client.ip);
    const now = this.clock.now();
    const signedIn = await this.db.transaction(async (manager) => {
      // FOR UPDATE: two clicks racing on one link → the second waits, then sees it used.
      const links: { id: string; email: string; expires_at: Date; used_at: Date | null }[] = await manager.query(
        `SELECT id, email, expires_at, used_at FROM magic_links WHERE token_hash = $1 FOR UPDATE`,
        [hashSecret(token)],
      );
      const link = links[0];
      if (!link || link.used_at) throw new TokenInvalid('This sign-in link is not valid or was already used. Ask for a new one.');
      if (link.expires_at.getTime() <= now.getTime()) throw new TokenExpired('This sign-in link has expired. Ask for a new one.');
      await manager.query(`UPDATE magic_links SET used_at = $2 WHERE id = $1`, [link.id, now]);

      const isAdmin = this.config.isAdminEmail(link.email);
      const users: UserRow[] = await manager.query(
        `INSERT INTO users (email, role, last_sign_in_at, created_at, updated_at) VALUES ($1, $2, $3, $3, $3)
         ON CONFLICT (email) DO UPDATE
           SET last_sign_in_at = EXCLUDED.last_sign_in_at,
               role = CASE WHEN $4::boolean THEN 'admin' ELSE users.role END,
               updated_at = EXCLUDED.updated_at
         RETURNING id, email, role, last_sign_in_at, suspended_at, created_at, updated_at`,
        [link.email, isAdmin ? 'admin' : 'user', now, isAdmin],
      );
      const row = users[0];
      if (row.suspended_at) throw new AccountSuspended();
      const session = await this.sessions.create(row.id, client, manager);
      const user: User = {
        id: row.id,
        email: row.email,
        role: row.role,
        lastSignInAt: row.last_sign_in_at,
        suspendedAt: row.suspended_at,
        createdAt: row.created_at,
        updatedAt: row.updated_at,
      };
      return { user, session };
    });
    // The user's other sessions may be cached with the old role (ADMIN_EMAILS) and last sign-in.
    await this.authCache.invalidateUser(signedIn.user.id);
    return signedIn;
  }
}
