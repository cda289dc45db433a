import type { MemberRole, Plan, SandboxEmail, UserRole } from '@beaker/contracts';
import { PLAN_CATALOG } from '@beaker/contracts';
import { SessionsService } from '../../src/modules/auth/sessions.service';
import { SessionCookies } from '../../src/modules/auth/session-cookies';
import type { TestApp, TestResponse } from '../harness';

/** A browser signed in to a test app: sends its cookies, and the CSRF header on writes. */
export interface SignedInClient {
  userId: string;
  email: string;
  /** The raw session cookie value (a secret: for log-leak assertions, never print it). */
  sessionToken: string;
  csrfToken: string;
  request(path: string, init?: RequestInit & { json?: unknown; csrf?: boolean }): Promise<TestResponse>;
}

/** name → value of the Set-Cookie headers of a response. */
export function setCookies(res: Response): Record<string, { value: string; raw: string }> {
  const out: Record<string, { value: string; raw: string }> = {};
  for (const raw of res.headers.getSetCookie()) {
    const [pair] = raw.split(';');
    const eq = pair.indexOf('=');
    out[pair.slice(0, eq).trim()] = { value: decodeURIComponent(pair.slice(eq + 1).trim()), raw };
  }
  return out;
}

export function client(t: TestApp, info: { userId: string; email: string; sessionToken: string; csrfToken: string }): SignedInClient {
  return {
    ...info,
    request(path, init = {}) {
      const { csrf = true, headers, ...rest } = init;
      const write = !['GET', 'HEAD', undefined].includes(rest.method?.toUpperCase());
      return t.request(path, {
        ...rest,
        headers: {
          cookie: `beaker_session=${info.sessionToken}; beaker_csrf=${info.csrfToken}`,
          ...(write && csrf ? { 'x-csrf-token': info.csrfToken } : {}),
          ...(headers as Record<string, string>),
        },
      });
    },
  };
}

/** The development inbox of an address, newest first. */
export async function inbox(t: TestApp, email: string): Promise<SandboxEmail[]> {
  const res = await t.request(`/v1/sandbox/emails?to=${encodeURIComponent(email)}`);
  if (res.status !== 200) throw new Error(`inbox answered ${res.status}`);
  return (await res.json()).items;
}

/** The token of the sign-in link in an email. */
export function tokenFrom(email: SandboxEmail): string {
  const match = /\/auth\/verify\?token=([A-Za-z0-9_-]+)/.exec(email.text);
  if (!match) throw new Error('no sign-in link in the email');
  return match[1];
}

/** Asks for a link and returns its token, read from the development inbox. */
export async function requestLinkToken(t: TestApp, email: string, headers: Record<string, string> = {}): Promise<string> {
  const res = await t.request('/v1/auth/magic-links', { method: 'POST', json: { email }, headers });
  if (res.status !== 202) throw new Error(`magic link answered ${res.status}: ${await res.text()}`);
  const [latest] = await inbox(t, email.trim().toLowerCase());
  return tokenFrom(latest);
}

/** Signs in through the real flow (magic link → inbox → session). Counts against the rate limits. */
export async function signIn(t: TestApp, email: string): Promise<SignedInClient> {
  const token = await requestLinkToken(t, email);
  const res = await t.request('/v1/auth/sessions', { method: 'POST', json: { token } });
  if (res.status !== 201) throw new Error(`session exchange answered ${res.status}: ${await res.text()}`);
  const body = await res.json();
  const cookies = setCookies(res as unknown as Response);
  return client(t, { userId: body.user.id, email: body.user.email, sessionToken: cookies.beaker_session.value, csrfToken: cookies.beaker_csrf.value });
}

/**
 * A signed-in client without the email round trip or the rate limits: inserts the user and a
 * session directly. For tests of other modules that just need "a signed-in owner".
 */
export async function signInAs(t: TestApp, email: string, options: { role?: UserRole } = {}): Promise<SignedInClient> {
  const [user] = await t.db.query(
    `INSERT INTO users (email, role) VALUES ($1, $2) ON CONFLICT (email) DO UPDATE SET role = EXCLUDED.role RETURNING id, email`,
    [email.trim().toLowerCase(), options.role ?? 'user'],
  );
  const session = await t.app.get(SessionsService).create(user.id);
  return client(t, { userId: user.id, email: user.email, sessionToken: session.token, csrfToken: t.app.get(SessionCookies).csrfTokenFor(session.id) });
}

export async function createBusiness(t: TestApp, options: { name?: string; plan?: Plan; ownerId?: string } = {}): Promise<string> {
  const plan = options.plan ?? 'starter';
  const [business] = await t.db.query(`INSERT INTO businesses (name, plan, calls_included) VALUES ($1, $2, $3) RETURNING id`, [
    options.name ?? 'Cool Air HVAC',
    plan,
    PLAN_CATALOG[plan].callsIncluded,
  ]);
  if (options.ownerId) await addMember(t, business.id, options.ownerId, 'owner');
  return business.id;
}

export async function addMember(t: TestApp, businessId: string, userId: string, role: MemberRole): Promise<void> {
  await t.db.query(`INSERT INTO business_members (business_id, user_id, role) VALUES ($1, $2, $3)`, [businessId, userId, role]);
}
