import type { Type } from '@nestjs/common';
import type { Reflector } from '@nestjs/core';
import { ADMIN_ONLY, API_KEY_ALLOWED, BUSINESS_ROUTE, BusinessRouteOptions, IS_PUBLIC, PUBLIC_IN_DEVELOPMENT, TRIAL_SESSION_ALLOWED, TrialSessionOptions } from './decorators';

/** Who may call a route, read from its decorators (and its path, for the rules that go by path). */
export interface AccessPolicy {
  public: boolean;
  /** @PublicInDevelopment: public with NODE_ENV development or test, staff only otherwise (see inMode). */
  publicInDevelopment: boolean;
  admin: boolean;
  apiKeyAllowed: boolean;
  business: BusinessRouteOptions | null;
  /** @TrialSessionAllowed: a trial session (email not yet proven) may call it; null: only full sessions and keys. */
  trialSession: TrialSessionOptions | null;
}

/**
 * A route's access policy: what the AccessGuard enforces, and what docs/MAP.md shows.
 * `path` is the route's path as registered (`/v1/admin/users/:id`).
 */
export function accessPolicyOf(reflector: Reflector, handler: (...args: never[]) => unknown, controller: Type, path: string): AccessPolicy {
  const targets = [handler, controller];
  const relative = path.replace(/^\/+/, '');
  return {
    // Webhooks authenticate by their providers' signatures, never by session or key.
    public: reflector.getAllAndOverride<boolean>(IS_PUBLIC, targets) === true || /^webhooks(\/|$)/.test(relative),
    publicInDevelopment: reflector.getAllAndOverride<boolean>(PUBLIC_IN_DEVELOPMENT, targets) === true,
    // Everything under /v1/admin is staff-only, decorated or not.
    admin: reflector.getAllAndOverride<boolean>(ADMIN_ONLY, targets) === true || /^v1\/admin(\/|$)/.test(relative),
    apiKeyAllowed: reflector.getAllAndOverride<boolean>(API_KEY_ALLOWED, targets) === true,
    business: reflector.getAllAndOverride<BusinessRouteOptions | undefined>(BUSINESS_ROUTE, targets) ?? null,
    trialSession: reflector.getAllAndOverride<TrialSessionOptions | undefined>(TRIAL_SESSION_ALLOWED, targets) ?? null,
  };
}

/** The policy as it applies under this NODE_ENV: a development tool is public in development and test, staff only elsewhere. */
export function inMode(policy: AccessPolicy, nodeEnv: string): AccessPolicy {
  if (!policy.publicInDevelopment || policy.public) return policy;
  return nodeEnv === 'development' || nodeEnv === 'test' ? { ...policy, public: true } : { ...policy, admin: true, apiKeyAllowed: false };
}

/** The policy in a few words, for people (docs/MAP.md). */
export function describeAccess(policy: AccessPolicy): string {
  if (policy.public) return 'public';
  if (policy.publicInDevelopment) return 'public in development and test, else staff';
  const who = policy.admin ? 'staff' : policy.business ? (policy.business.ownersOnly ? 'business owner' : 'business member') : 'signed in';
  const also = [policy.apiKeyAllowed ? 'API key' : null, policy.trialSession ? 'trial session' : null].filter(Boolean);
  return also.length ? `${who} or ${also.join(' or ')}` : who;
}
