import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { FastifyRequest } from 'fastify';
import passport from 'passport';
import { Strategy as CustomStrategy } from 'passport-custom';
import { Unauthenticated } from '../../../common/errors/common.errors';
import { ApiKeysService } from '../api-keys.service';
import { SESSION_COOKIE } from '../cookies';
import { SessionsService } from '../sessions.service';
import type { ApiKeyActor, UserActor } from './actor';

export const API_KEY_STRATEGY = 'beaker-api-key';
export const SESSION_STRATEGY = 'beaker-session';

/**
 * This application's own passport instance. The strategies register here rather than in the
 * process-wide passport singleton, so that two apps in one process (tests) never swap strategies.
 */
@Injectable()
export class AppPassport {
  readonly passport: Authenticator = new passport.Passport();
}

/** Where a session's expiry moved this request: the guard re-issues the cookies with it. */
export const REFRESHED_SESSION_EXPIRY = Symbol('beaker:refreshed-session-expiry');
type Authenticator = InstanceType<typeof passport.Passport>;
type RequestWithRefresh = FastifyRequest & { [REFRESHED_SESSION_EXPIRY]?: Date };

/** `Authorization: Bearer bk_…` → the key's business. A bearer that is not a live key → 401 at once. */
@Injectable()
export class ApiKeyStrategy extends PassportStrategy(CustomStrategy, API_KEY_STRATEGY) {
  constructor(
    private readonly apiKeys: ApiKeysService,
    app: AppPassport,
  ) {
    super();
    app.passport.use(API_KEY_STRATEGY, this);
  }

  // Registration happens above, on this app's instance; keep the global singleton untouched.
  getPassportInstance(): Authenticator {
    return new passport.Passport();
  }

  async validate(request: FastifyRequest): Promise<ApiKeyActor | null> {
    const header = request.headers.authorization;
    if (!header) return null; // not this strategy's request: passport tries the session next
    const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
    const actor = match ? await this.apiKeys.authenticate(match[1]) : null;
    // An error (not a "fail") stops passport: a bad key never falls back to a cookie.
    if (!actor) throw new Unauthenticated('The API key is not valid or was revoked');
    return actor;
  }
}

/** The `beaker_session` cookie → the signed-in user. */
@Injectable()
export class SessionStrategy extends PassportStrategy(CustomStrategy, SESSION_STRATEGY) {
  constructor(
    private readonly sessions: SessionsService,
    app: AppPassport,
  ) {
    super();
    app.passport.use(SESSION_STRATEGY, this);
  }

  getPassportInstance(): Authenticator {
    return new passport.Passport();
  }

  async validate(request: RequestWithRefresh): Promise<UserActor | null> {
    const token = request.cookies?.[SESSION_COOKIE];
    if (!token) return null;
    const session = await this.sessions.authenticate(token);
    if (!session) return null;
    if (session.refreshed) request[REFRESHED_SESSION_EXPIRY] = session.expiresAt;
    return session.actor;
  }
}
