import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { safeEqual } from '../../../common/crypto';
import { Forbidden, NotFound, RateLimited, Unauthenticated } from '../../../common/errors/common.errors';
import { CsrfRejected, EmailNotVerified } from '../auth.errors';
import { CSRF_COOKIE, CSRF_HEADER_NAME, SESSION_COOKIE } from '../cookies';
import { MembershipService } from '../membership.service';
import { SessionCookies } from '../session-cookies';
import type { Actor, UserActor } from './actor';
import { AppConfig } from '../../../config/app-config';
import { AccessPolicy, accessPolicyOf, inMode } from './access-policy';
import type { BusinessRouteOptions } from './decorators';
import { API_KEY_STRATEGY, AppPassport, REFRESHED_SESSION_EXPIRY, SESSION_STRATEGY } from './strategies';

const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The one global guard (APP_GUARD): authenticates by API key or session cookie through passport,
 * then applies the route's policy (public, admin, API keys, business membership) and CSRF.
 * The policy is read from metadata once per handler and cached; a @Public route costs a Map
 * lookup and nothing else (no database, no Redis).
 */
@Injectable()
export class AccessGuard implements CanActivate {
  private readonly policies = new Map<unknown, AccessPolicy>();

  constructor(
    private readonly reflector: Reflector,
    private readonly app: AppPassport,
    private readonly membership: MembershipService,
    private readonly cookies: SessionCookies,
    private readonly config: AppConfig,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const policy = this.policyFor(context);
    if (policy.public) return true;
    return this.authorize(context, policy);
  }

  private async authorize(context: ExecutionContext, policy: AccessPolicy): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<FastifyRequest & { [REFRESHED_SESSION_EXPIRY]?: Date }>();
    const reply = http.getResponse<FastifyReply>();
    const actor = await this.authenticate(request, reply).catch((err: unknown) => {
      // Authentication counts every request a key makes. A route no key may use answers a key
      // over its limit as it answers any key (403), not with a RATE_LIMITED it does not declare.
      if (err instanceof RateLimited && !policy.apiKeyAllowed) throw new Forbidden('API keys cannot use this endpoint');
      throw err;
    });
    request.actor = actor;

    if (actor.kind === 'api_key') {
      if (!policy.apiKeyAllowed) throw new Forbidden('API keys cannot use this endpoint');
    } else {
      if (actor.trialId) this.checkTrialSession(request, actor.trialId, policy);
      this.checkCsrf(request, actor);
      const refreshedUntil = request[REFRESHED_SESSION_EXPIRY];
      const token = request.cookies?.[SESSION_COOKIE];
      if (refreshedUntil && token) this.cookies.issue(reply, token, actor.sessionId, refreshedUntil);
    }

    if (policy.admin && !(actor.kind === 'user' && actor.user.role === 'admin')) {
      throw new Forbidden('This is for Beaker staff only');
    }
    if (policy.business) await this.checkBusiness(request, actor, policy.business);
    return true;
  }

  /** Passport with our two strategies, API key first; neither credential → 401. */
  private authenticate(request: FastifyRequest, reply: FastifyReply): Promise<Actor> {
    return new Promise<Actor>((resolve, reject) => {
      const middleware = this.app.passport.authenticate(
        [API_KEY_STRATEGY, SESSION_STRATEGY],
        { session: false },
        (err: unknown, actor: Actor | false | null) => {
          if (err) reject(err);
          else if (!actor) reject(new Unauthenticated());
          else resolve(actor);
        },
      ) as (req: unknown, res: unknown, next: (err?: unknown) => void) => void;
      middleware(request, reply, (err) => reject(err ?? new Unauthenticated()));
    });
  }

  /** Double submit: the X-CSRF-Token header must equal the beaker_csrf cookie, and be this session's. */
  private checkCsrf(request: FastifyRequest, actor: UserActor): void {
    if (!STATE_CHANGING.has(request.method)) return;
    const header = request.headers[CSRF_HEADER_NAME];
    const cookie = request.cookies?.[CSRF_COOKIE];
    if (typeof header !== 'string' || !cookie || !safeEqual(header, cookie) || !safeEqual(header, this.cookies.csrfTokenFor(actor.sessionId))) {
      throw new CsrfRejected('Send the beaker_csrf cookie value in the X-CSRF-Token header');
    }
  }

  /** A trial session reaches only the routes marked for it, and only its own trial there. */
  private checkTrialSession(request: FastifyRequest, trialId: string, policy: AccessPolicy): void {
    if (!policy.trialSession) throw new EmailNotVerified('Open the link we emailed you to confirm your email address first');
    const param = policy.trialSession.trialParam;
    if (param && (request.params as Record<string, string | undefined>)[param]?.toLowerCase() !== trialId.toLowerCase()) throw new NotFound('No such trial');
  }

  private async checkBusiness(request: FastifyRequest, actor: Actor, route: BusinessRouteOptions): Promise<void> {
    const businessId = (request.params as Record<string, string | undefined>)[route.param];
    if (!businessId || !UUID.test(businessId)) throw new NotFound('No such business');
    if (actor.kind === 'api_key') {
      if (actor.businessId !== businessId.toLowerCase()) throw new NotFound('No such business');
      if (route.ownersOnly) throw new Forbidden('Only the business owner can do this');
      request.businessAccess = { businessId: actor.businessId, role: 'api_key' };
      return;
    }
    const role = await this.membership.roleIn(businessId, actor.user.id);
    if (!role) throw new NotFound('No such business');
    if (route.ownersOnly && role !== 'owner') throw new Forbidden('Only the business owner can do this');
    request.businessAccess = { businessId, role };
  }

  private policyFor(context: ExecutionContext): AccessPolicy {
    const handler = context.getHandler();
    let policy = this.policies.get(handler);
    if (!policy) {
      // The route's path as Fastify registered it (`/v1/admin/users/:id`): the same for every request of the handler.
      const path = context.switchToHttp().getRequest<FastifyRequest>().routeOptions.url ?? '';
      policy = inMode(accessPolicyOf(this.reflector, handler as (...args: never[]) => unknown, context.getClass(), path), this.config.env.NODE_ENV);
      this.policies.set(handler, policy);
    }
    return policy;
  }
}
