import { createParamDecorator, ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { Forbidden, Unauthenticated } from '../../../common/errors/common.errors';
import type { Actor, BusinessAccess, UserActor } from './actor';

export const IS_PUBLIC = 'beaker:access:public';
export const PUBLIC_IN_DEVELOPMENT = 'beaker:access:public-in-development';
export const ADMIN_ONLY = 'beaker:access:admin';
export const API_KEY_ALLOWED = 'beaker:access:api-key';
export const BUSINESS_ROUTE = 'beaker:access:business';
export const TRIAL_SESSION_ALLOWED = 'beaker:access:trial-session';

export interface BusinessRouteOptions {
  /** The route parameter that holds the business id. */
  param: string;
  ownersOnly: boolean;
}

/** @nestjs/swagger's metadata keys: a controller's security requirements, an operation's fields. */
const OPENAPI_CONTROLLER_SECURITY = 'swagger/apiSecurity';
const OPENAPI_OPERATION = 'swagger/apiOperation';

/**
 * No authentication: anyone may call (health, plans, magic links, webhooks verify their own
 * signatures). The OpenAPI document says so too (`security: []`), so that clients do not send
 * credentials these routes ignore. (On a method the empty list goes with the operation's own
 * fields, because @nestjs/swagger drops an empty method-level security list.)
 */
export function Public(): MethodDecorator & ClassDecorator {
  return ((target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (descriptor) {
      SetMetadata(IS_PUBLIC, true)(target, key!, descriptor);
      const operation = (Reflect.getMetadata(OPENAPI_OPERATION, descriptor.value) as object | undefined) ?? {};
      Reflect.defineMetadata(OPENAPI_OPERATION, { ...operation, security: [] }, descriptor.value);
      return descriptor;
    }
    SetMetadata(IS_PUBLIC, true)(target as never);
    Reflect.defineMetadata(OPENAPI_CONTROLLER_SECURITY, [], target);
    return target;
  }) as MethodDecorator & ClassDecorator;
}

/**
 * A development tool (the sandbox's inbox, outbox, checkout and portal): anyone may call it with
 * NODE_ENV development or test, Beaker staff only in any other mode (production running the
 * simulators with PROVIDERS=sandbox), where it would hand out sign-in links and SMS codes.
 */
export function PublicInDevelopment(): MethodDecorator & ClassDecorator {
  // The OpenAPI document says both: no credential (development and test), or staff's session cookie.
  const security = [{}, { session: [] }];
  return ((target: object, key?: string | symbol, descriptor?: PropertyDescriptor) => {
    if (descriptor) {
      SetMetadata(PUBLIC_IN_DEVELOPMENT, true)(target, key!, descriptor);
      const operation = (Reflect.getMetadata(OPENAPI_OPERATION, descriptor.value) as object | undefined) ?? {};
      Reflect.defineMetadata(OPENAPI_OPERATION, { ...operation, security }, descriptor.value);
      return descriptor;
    }
    SetMetadata(PUBLIC_IN_DEVELOPMENT, true)(target as never);
    Reflect.defineMetadata(OPENAPI_CONTROLLER_SECURITY, security, target);
    return target;
  }) as MethodDecorator & ClassDecorator;
}

/** Beaker staff only (users whose role is admin): others get 403 AUTH.FORBIDDEN. Implied under /v1/admin. */
export const AdminOnly = (): MethodDecorator & ClassDecorator => SetMetadata(ADMIN_ONLY, true);

/** Integrators' API keys may call this route too (for their own business only). Without it, keys get 403. */
export const ApiKeyAllowed = (): MethodDecorator & ClassDecorator => SetMetadata(API_KEY_ALLOWED, true);

/**
 * A trial session (opened by starting a trial before the email is proven, UserActor.trialId) may
 * call this route; every other route answers it 403 AUTH.EMAIL_NOT_VERIFIED. With `trialParam`,
 * the route parameter must name the session's own trial (else 404, like anyone else's trial).
 */
export const TrialSessionAllowed = (trialParam: string | null = null): MethodDecorator & ClassDecorator =>
  SetMetadata(TRIAL_SESSION_ALLOWED, { trialParam } satisfies TrialSessionOptions);

export interface TrialSessionOptions {
  /** The route parameter holding a trial id, or null when the route names no trial. */
  trialParam: string | null;
}

/**
 * The route acts on the business named by route parameter `param`: members (and that business's
 * API keys, on @ApiKeyAllowed routes) pass; anyone else gets 404 NOT_FOUND, so that existence does
 * not leak. An invalid id is a 404 too.
 */
export const BusinessRoute = (param = 'id'): MethodDecorator & ClassDecorator =>
  SetMetadata(BUSINESS_ROUTE, { param, ownersOnly: false } satisfies BusinessRouteOptions);

/** Like @BusinessRoute, for owners only: non-members get 404, members and API keys 403 AUTH.FORBIDDEN. */
export const BusinessOwnerOnly = (param = 'id'): MethodDecorator & ClassDecorator =>
  SetMetadata(BUSINESS_ROUTE, { param, ownersOnly: true } satisfies BusinessRouteOptions);

/** The caller: `{kind: 'user', user, sessionId}` or `{kind: 'api_key', businessId, apiKeyId}`. Undefined on @Public routes. */
export const CurrentActor = createParamDecorator((_: unknown, ctx: ExecutionContext): Actor | undefined => {
  return ctx.switchToHttp().getRequest<FastifyRequest>().actor;
});

/** The signed-in person; 403 for an API key (use on routes that are not @ApiKeyAllowed, or check kind). */
export const CurrentUser = createParamDecorator((_: unknown, ctx: ExecutionContext): UserActor['user'] => {
  const actor = ctx.switchToHttp().getRequest<FastifyRequest>().actor;
  if (!actor) throw new Unauthenticated();
  if (actor.kind !== 'user') throw new Forbidden('This endpoint is for signed-in people, not API keys');
  return actor.user;
});

/** What @BusinessRoute resolved: `{businessId, role}`. */
export const CurrentBusinessAccess = createParamDecorator((_: unknown, ctx: ExecutionContext): BusinessAccess | undefined => {
  return ctx.switchToHttp().getRequest<FastifyRequest>().businessAccess;
});

/**
 * Documents the CSRF header of a state-changing route. `session`: the route takes a session only, so
 * the header is required; `session-or-key`: an API key needs no header, a session cookie does.
 */
export function ApiCsrfHeader(accepts: 'session' | 'session-or-key' = 'session'): MethodDecorator & ClassDecorator {
  return accepts === 'session'
    ? ApiHeader({ name: 'X-CSRF-Token', required: true, description: 'The value of the beaker_csrf cookie' })
    : ApiHeader({ name: 'X-CSRF-Token', required: false, description: 'With a session cookie: the value of the beaker_csrf cookie' });
}
