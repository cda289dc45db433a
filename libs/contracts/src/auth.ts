import type { BusinessStatus, MemberRole, Plan, UserRole } from './enums';
import type { BusinessPhoneNumberView } from './businesses';

/** Accounts and access: magic-link sign-in, sessions, API keys, the development inbox. */

/** The httpOnly session cookie (the SPA never reads it). */
export const SESSION_COOKIE = 'beaker_session';
/** The readable CSRF cookie; its value goes back in the CSRF_HEADER of every POST/PUT/PATCH/DELETE. */
export const CSRF_COOKIE = 'beaker_csrf';
export const CSRF_HEADER = 'X-CSRF-Token';

/** POST /v1/auth/magic-links */
export interface MagicLinkRequest {
  email: string;
  /** A path inside the app (e.g. `/trial/new`) to land on after sign-in; carried in the link as `&next=`. */
  redirectTo?: string;
}

/** 202 of POST /v1/auth/magic-links: the same whether or not the address has an account. */
export interface MagicLinkAccepted {
  message: string;
  expiresInMinutes: number;
}

/** POST /v1/auth/sessions */
export interface SessionRequest {
  token: string;
}

export interface MembershipSummary {
  /** The business id. */
  id: string;
  name: string;
  role: MemberRole;
}

/** GET /v1/me */
export interface MeResponse {
  id: string;
  email: string;
  role: UserRole;
  businesses: MembershipSummary[];
  /**
   * Set for a trial session (started from the landing page, the email not yet proven by its
   * magic link): the one trial it reaches. Null for a full session.
   */
  trialSessionFor: string | null;
}

/** 201 of POST /v1/auth/sessions (the cookies come with it). */
export interface SessionResponse {
  user: MeResponse;
}

/** GET /v1/auth/session: who is signed in, if anyone (`user: null` when no one is, never a 401). */
export interface CurrentSessionResponse {
  user: MeResponse | null;
}

/** POST /v1/businesses/:id/api-keys */
export interface ApiKeyCreateRequest {
  name: string;
}

/** 201 of POST /v1/businesses/:id/api-keys: `key` is shown this once and never again. */
export interface ApiKeyCreated {
  id: string;
  name: string;
  /** The first characters of the key, to recognise it in the list (e.g. `bk_live_Ab3x`). */
  prefix: string;
  key: string;
  createdAt: string;
}

/** An item of GET /v1/businesses/:id/api-keys. */
export interface ApiKeySummary {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** An item of GET /v1/sandbox/emails?to= (sandbox mode only), newest first. */
export interface SandboxEmail {
  id: string;
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers the message was sent with (List-Unsubscribe…), when it had any. */
  headers?: Record<string, string>;
  sentAt: string;
}

/** GET /v1/businesses/:id (members and the business's API keys). */
export interface BusinessResponse {
  id: string;
  name: string;
  status: BusinessStatus;
  plan: Plan;
  callsIncluded: number;
  callsUsedThisPeriod: number;
  currentPeriodEnd: string | null;
  /** The business's number (null until setup has bought one). */
  phoneNumber: BusinessPhoneNumberView | null;
}

/** An item of GET /v1/admin/users?query= */
export interface AdminUserSummary {
  id: string;
  email: string;
  role: UserRole;
  createdAt: string;
  lastSignInAt: string | null;
  suspendedAt: string | null;
  /** Why staff suspended the user (null when not suspended, or suspended by hand without one). */
  suspensionReason: string | null;
}
