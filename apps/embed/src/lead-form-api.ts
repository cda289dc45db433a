import type { LeadAccepted, ProblemDetails, PublicLeadForm } from '@beaker/contracts';
import type { SubmissionBody } from './lead-form-fields';

/** A field's problem as the API names it; `message` or `messages`, whichever the validator gave. */
export interface FieldProblemBody {
  field: string;
  code?: string;
  message?: string;
  messages?: string[];
}

/** An RFC 9457 problem as it arrived: every member may be missing (a proxy's HTML 502 has none). */
export type Problem = Partial<Omit<ProblemDetails, 'errors'>> & { status: number; errors?: FieldProblemBody[] };

export type FormLoad = { kind: 'form'; form: PublicLeadForm } | { kind: 'gone' } | { kind: 'unreachable' };

export type SubmitResult =
  | { kind: 'accepted'; accepted: LeadAccepted }
  | { kind: 'problem'; problem: Problem; retryAfterSeconds: number | null }
  | { kind: 'unreachable' };

/** A request that hangs is a failure the person can retry, not a spinner forever. */
export const REQUEST_TIMEOUT_MS = 20_000;

/** GET {base}/v1/forms/:formId: the public form, or why there is none. */
export async function loadPublicForm(base: string, formId: string): Promise<FormLoad> {
  const response = await request(`${base}/v1/forms/${encodeURIComponent(formId)}`, { headers: { accept: 'application/json' } });
  if (!response) return { kind: 'unreachable' };
  if (response.status === 404 || response.status === 410) return { kind: 'gone' };
  const form = response.ok ? ((await json(response)) as PublicLeadForm | null) : null;
  return form && typeof form === 'object' && form.fields ? { kind: 'form', form } : { kind: 'unreachable' };
}

/** POST {base}/v1/forms/:formId/submissions. */
export async function submitLead(base: string, formId: string, body: SubmissionBody): Promise<SubmitResult> {
  const response = await request(`${base}/v1/forms/${encodeURIComponent(formId)}/submissions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json, application/problem+json' },
    body: JSON.stringify(body),
  });
  if (!response) return { kind: 'unreachable' };
  const parsed = await json(response);
  if (response.ok) return { kind: 'accepted', accepted: (parsed ?? {}) as LeadAccepted };
  const problem = { ...(parsed && typeof parsed === 'object' ? parsed : {}), status: response.status } as Problem;
  return { kind: 'problem', problem, retryAfterSeconds: retryAfter(response.headers.get('retry-after')) };
}

/** The response, or null when none came: offline, DNS, a CORS refusal (the browser tells no more), a timeout. */
async function request(url: string, init: RequestInit): Promise<Response | null> {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), REQUEST_TIMEOUT_MS);
  try {
    // No cookies: the public endpoints need none, and a credentialed request would need more of CORS.
    return await fetch(url, { ...init, credentials: 'omit', signal: controller.signal });
  } catch {
    return null;
  } finally {
    clearTimeout(timer);
  }
}

async function json(response: Response): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    return null;
  }
}

/** Retry-After in seconds (RFC 9110: delay-seconds or an HTTP date), or null. */
function retryAfter(header: string | null): number | null {
  if (!header) return null;
  const seconds = /^\d+$/.test(header.trim()) ? Number(header.trim()) : Math.ceil((Date.parse(header) - Date.now()) / 1000);
  return Number.isFinite(seconds) && seconds > 0 ? seconds : null;
}
