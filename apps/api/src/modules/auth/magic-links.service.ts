import { Injectable } from '@nestjs/common';
import { MAGIC_LINK_TTL_MINUTES } from '@beaker/contracts';
import { Clock } from '../../common/clock';
import { hashSecret, randomSecret } from '../../common/crypto';
import { Mailer } from '../../common/mail/mailer';
import { RateLimiter, RateLimitRule } from '../../common/rate-limit/rate-limiter';
import { ipBucket } from '../../common/rate-limit/ip-bucket';
import { AppConfig } from '../../config/app-config';
import { Database } from '../../database/database';
import { accountSuspended, TokenExpired, TokenInvalid } from './auth.errors';
import { AuthCache } from './auth-cache';
import type { User } from './entities/user.entity';
import { magicLinkEmail } from './magic-link.email';
import { MagicLinksRepository } from './persistence/magic-links.repository';
import { UsersRepository } from './persistence/users.repository';
import { ClientInfo, NewSession, SessionsService } from './sessions.service';
import { MAGIC_LINK_TTL_MS, magicLinkUrl, normalizeEmail } from './sign-in-rules';

export const MAGIC_LINK_PER_EMAIL: RateLimitRule = { name: 'magic-link-email', limit: 5, windowSeconds: 3600, failClosed: true };
export const MAGIC_LINK_PER_IP: RateLimitRule = { name: 'magic-link-ip', limit: 20, windowSeconds: 3600, failClosed: true };
export const SESSION_EXCHANGE_PER_IP: RateLimitRule = { name: 'session-exchange-ip', limit: 30, windowSeconds: 600 };

export interface SignedIn {
  user: User;
  session: NewSession;
}

/** Passwordless sign-in: a single-use link by email, exchanged for a session. */
@Injectable()
export class MagicLinksService {
  constructor(
    private readonly db: Database,
    private readonly links: MagicLinksRepository,
    private readonly users: UsersRepository,
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
    await this.rateLimiter.consume(MAGIC_LINK_PER_IP, ipBucket(ip));
    await this.rateLimiter.consume(MAGIC_LINK_PER_EMAIL, email);
    const token = randomSecret(32);
    const now = this.clock.now();
    await this.links.create({ email, tokenHash: hashSecret(token), requestedIp: ip, expiresAt: new Date(now.getTime() + MAGIC_LINK_TTL_MS), now });
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
    await this.links.create({ email, tokenHash: hashSecret(token), requestedIp: null, expiresAt: new Date(now.getTime() + MAGIC_LINK_TTL_MS), now });
    return { url: magicLinkUrl(this.config.appUrl, token, redirectTo), expiresInMinutes: MAGIC_LINK_TTL_MINUTES };
  }

  /**
   * Exchanges a link's token for a session: valid, unused and unexpired, once. Creates the user at
   * first sign-in; ADMIN_EMAILS become admins. All or nothing, in one transaction.
   */
  async exchange(token: string, client: ClientInfo & { ip: string }): Promise<SignedIn> {
    await this.rateLimiter.consume(SESSION_EXCHANGE_PER_IP, ipBucket(client.ip));
    const now = this.clock.now();
    const signedIn = await this.db.transaction(async (tx) => {
      const link = await this.links.lockByToken(hashSecret(token), tx);
      if (!link || link.used_at) throw new TokenInvalid('This sign-in link is not valid or was already used. Ask for a new one.');
      if (link.expires_at.getTime() <= now.getTime()) throw new TokenExpired('This sign-in link has expired. Ask for a new one.');
      await this.links.markUsed(link.id, now, tx);

      const user = await this.users.signIn(link.email, this.config.isAdminEmail(link.email), now, tx);
      if (user.suspendedAt) throw accountSuspended(user.suspensionReason);
      const session = await this.sessions.create(user.id, client, tx);
      return { user, session };
    });
    // The user's other sessions may be cached with the old role (ADMIN_EMAILS) and last sign-in.
    await this.authCache.invalidateUser(signedIn.user.id);
    return signedIn;
  }
}
