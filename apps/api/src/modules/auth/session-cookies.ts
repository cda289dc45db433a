import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import { SESSION_TTL_MS } from './sign-in-rules';
import { CSRF_COOKIE, csrfCookieOptions, csrfTokenFor, SESSION_COOKIE, sessionCookieOptions } from './cookies';

/** Sets and clears the two cookies of a browser session. */
@Injectable()
export class SessionCookies {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  csrfTokenFor(sessionId: string): string {
    return csrfTokenFor(sessionId, this.config.env.SESSION_SECRET);
  }

  /** The session cookie (httpOnly) and its CSRF cookie (readable), both until `expiresAt`. */
  issue(reply: FastifyReply, token: string, sessionId: string, expiresAt: Date): void {
    const maxAge = this.maxAgeSeconds(expiresAt);
    void reply.setCookie(SESSION_COOKIE, token, sessionCookieOptions(this.config.appUrl, maxAge));
    this.issueCsrf(reply, sessionId, expiresAt);
  }

  /** Without `expiresAt` (re-issued to a browser that lost it): as long as a fresh session lasts. */
  issueCsrf(reply: FastifyReply, sessionId: string, expiresAt = new Date(this.clock.now().getTime() + SESSION_TTL_MS)): void {
    void reply.setCookie(CSRF_COOKIE, this.csrfTokenFor(sessionId), csrfCookieOptions(this.config.appUrl, this.maxAgeSeconds(expiresAt)));
  }

  clear(reply: FastifyReply): void {
    void reply.clearCookie(SESSION_COOKIE, sessionCookieOptions(this.config.appUrl, 0));
    void reply.clearCookie(CSRF_COOKIE, csrfCookieOptions(this.config.appUrl, 0));
  }

  private maxAgeSeconds(expiresAt: Date): number {
    return Math.max(0, Math.floor((expiresAt.getTime() - this.clock.now().getTime()) / 1000));
  }
}
