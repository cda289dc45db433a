import { INestApplicationContext, Injectable } from '@nestjs/common';
import type { FastifyReply, FastifyRequest, onRequestAsyncHookHandler } from 'fastify';
import { ERROR_CATALOG, type ErrorCode } from '@beaker/contracts';
import { AppConfig } from '../../../config/app-config';
import { SESSION_COOKIE } from '../cookies';
import { SessionsService } from '../sessions.service';

/**
 * For what is mounted on Fastify directly, outside Nest's guards (the queue dashboard at
 * /admin/queues): is this request from a signed-in admin?
 */
@Injectable()
export class AdminRequestCheck {
  constructor(
    private readonly sessions: SessionsService,
    private readonly config: AppConfig,
  ) {}

  async isAdminRequest(request: FastifyRequest): Promise<boolean> {
    return (await this.standing(request)) === 'admin';
  }

  /** Signed out (no live session), signed in as someone else, or an admin. */
  async standing(request: FastifyRequest): Promise<'signed_out' | 'not_admin' | 'admin'> {
    const token = request.cookies[SESSION_COOKIE];
    if (!token) return 'signed_out';
    try {
      const session = await this.sessions.authenticate(token);
      if (!session) return 'signed_out';
      return session.actor.user.role === 'admin' ? 'admin' : 'not_admin';
    } catch {
      return 'not_admin'; // suspended, or the database is down: no dashboard
    }
  }

  /**
   * Such pages cannot send X-CSRF-Token; a state-changing request must at least come from our own
   * origin (SameSite=Lax already keeps the cookie off cross-site POSTs).
   */
  isSameOrigin(request: FastifyRequest): boolean {
    const source = request.headers.origin ?? request.headers.referer;
    if (!source) return false;
    try {
      return new URL(source).origin === new URL(this.config.appUrl).origin;
    } catch {
      return false;
    }
  }
}

/** `isAdminRequest(request)` bound to a running app. */
export function createAdminRequestCheck(app: INestApplicationContext): (request: FastifyRequest) => Promise<boolean> {
  const check = app.get(AdminRequestCheck);
  return (request) => check.isAdminRequest(request);
}

function problem(reply: FastifyReply, code: ErrorCode, title: string): FastifyReply {
  const status = ERROR_CATALOG[code].status;
  return reply
    .status(status)
    .type('application/problem+json')
    .send({ type: 'about:blank', title, status, code, detail: title });
}

/**
 * An onRequest hook for a Fastify scope: admins only (401 signed out, 403 otherwise), and
 * POST/PUT/PATCH/DELETE only from our own origin. Usage, in the scope that mounts the dashboard:
 * `scope.addHook('onRequest', adminOnlyHook(app))`.
 */
export function adminOnlyHook(app: INestApplicationContext): onRequestAsyncHookHandler {
  const check = app.get(AdminRequestCheck);
  return async (request, reply) => {
    const standing = await check.standing(request);
    if (standing === 'signed_out') return problem(reply, 'AUTH.UNAUTHENTICATED', 'Authentication required');
    if (standing !== 'admin') return problem(reply, 'AUTH.FORBIDDEN', 'This is for Beaker staff only');
    if (request.method !== 'GET' && request.method !== 'HEAD' && !check.isSameOrigin(request)) {
      return problem(reply, 'AUTH.CSRF', 'Cross-origin request refused');
    }
  };
}
