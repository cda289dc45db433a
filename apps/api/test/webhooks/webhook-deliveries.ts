import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import { JobName, JOB_QUEUES } from '../../src/common/queue/jobs';
import { JobsService } from '../../src/common/queue/jobs.service';
import { WebhookEventStore } from '../../src/modules/webhooks/webhook-event-store.service';
import { signVapiPayload } from '../../src/integrations/vapi/vapi.signature';
import { signStripePayload } from '../../src/integrations/stripe/stripe.webhook-signature';
import { signTwilioRequest } from '../../src/integrations/twilio/twilio.webhook-signature';
import type { TestApp, TestResponse } from '../harness';

/** Signed deliveries as each provider sends them (Stripe's and Twilio's signed by their SDKs), against a running test app. */

const nowOf = (t: TestApp) => (t.clock ?? { now: () => new Date() }).now();

export function stripeEvent(type = 'invoice.paid', id = `evt_${randomUUID().replace(/-/g, '')}`): Record<string, unknown> {
  return { id, object: 'event', type, api_version: '2025-03-31.basil', created: 1764288000, livemode: false, data: { object: { id: 'in_123', object: 'invoice' } } };
}

export function deliverStripe(
  t: TestApp,
  event: unknown,
  options: { body?: string; timestamp?: number; secret?: string; header?: string | null } = {},
): Promise<TestResponse> {
  const body = options.body ?? JSON.stringify(event);
  const timestamp = options.timestamp ?? Math.floor(nowOf(t).getTime() / 1000);
  const header = options.header === undefined ? signStripePayload(options.secret ?? t.config.env.STRIPE_WEBHOOK_SECRET, body, timestamp) : options.header;
  return t.request('/webhooks/stripe', {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(header !== null ? { 'stripe-signature': header } : {}) },
    body,
  });
}

export function twilioForm(params: Record<string, string>): string {
  return new URLSearchParams(params).toString();
}

export function deliverTwilio(
  t: TestApp,
  params: Record<string, string>,
  options: { signedParams?: Record<string, string>; url?: string; token?: string; signature?: string | null; path?: string } = {},
): Promise<TestResponse> {
  const path = options.path ?? '/webhooks/twilio';
  const signature =
    options.signature === undefined
      ? signTwilioRequest(options.token ?? t.config.env.TWILIO_AUTH_TOKEN, options.url ?? `${t.config.appUrl}${path}`, options.signedParams ?? params)
      : options.signature;
  return t.request(path, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(signature !== null ? { 'x-twilio-signature': signature } : {}) },
    body: twilioForm(params),
  });
}

export function deliverVapi(
  t: TestApp,
  message: unknown,
  options: { body?: string; timestampMs?: number; secret?: string; headers?: Record<string, string>; unsigned?: boolean } = {},
): Promise<TestResponse> {
  const body = options.body ?? JSON.stringify(message);
  const timestamp = String(options.timestampMs ?? nowOf(t).getTime());
  const signed: Record<string, string> = options.unsigned
    ? {}
    : { 'x-vapi-signature': signVapiPayload(options.secret ?? t.config.env.VAPI_WEBHOOK_SECRET, timestamp, body), 'x-vapi-timestamp': timestamp };
  return t.request('/webhooks/vapi', { method: 'POST', headers: { 'content-type': 'application/json', ...signed, ...options.headers }, body });
}

export function vapiStatusUpdate(vapiCallId: string, status: string, callId?: string, extra: Record<string, unknown> = {}): unknown {
  return {
    message: {
      type: 'status-update',
      status,
      timestamp: Date.now(),
      call: { id: vapiCallId, orgId: 'org_1', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', ...(callId ? { assistantOverrides: { metadata: { callId } } } : {}) },
      ...extra,
    },
  };
}

export function vapiEndOfCallReport(vapiCallId: string, callId?: string, extra: Record<string, unknown> = {}): { message: Record<string, unknown> } {
  return {
    message: {
      type: 'end-of-call-report',
      endedReason: 'customer-ended-call',
      cost: 0.1234,
      costs: [
        { type: 'transport', provider: 'twilio', minutes: 1.5, cost: 0.021 },
        { type: 'model', model: { provider: 'openai', model: 'gpt-4o-mini' }, promptTokens: 900, completionTokens: 80, cost: 0.0024 },
        { type: 'vapi', subType: 'normal', minutes: 1.5, cost: 0.1 },
      ],
      timestamp: Date.now(),
      startedAt: '2026-01-01T10:00:00.000Z',
      endedAt: '2026-01-01T10:01:30.000Z',
      artifact: {
        messages: [
          { role: 'system', message: 'You are the agent of Cool Air HVAC', time: 0, secondsFromStart: 0 },
          { role: 'bot', message: 'Hi, this is the Cool Air assistant, an AI.', time: 1, endTime: 2, secondsFromStart: 0.5 },
          { role: 'user', message: 'My AC is broken.', time: 3, endTime: 4, secondsFromStart: 4.2 },
        ],
        recordingUrl: 'https://recordings.example/abc.wav',
      },
      analysis: { summary: 'The caller needs an AC repair.', structuredData: { name: 'Dana', phone: '+14155550123', intent: 'repair', other: 1 } },
      call: { id: vapiCallId, orgId: 'org_1', createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', ...(callId ? { assistantOverrides: { metadata: { callId } } } : {}) },
      ...extra,
    },
  };
}

export function webhookQueue(t: TestApp): Queue {
  return t.app.get(JobsService).queue(JOB_QUEUES[JobName.ProcessWebhookEvent]);
}

/** Jobs of the webhook queue, whatever their state, by id (once the enqueues started after commit are done). */
export async function webhookJobIds(t: TestApp): Promise<string[]> {
  await t.app.get(WebhookEventStore).settled();
  const jobs = await webhookQueue(t).getJobs(['waiting', 'delayed', 'active', 'completed', 'failed', 'prioritized']);
  return jobs.filter((j) => j?.name === JobName.ProcessWebhookEvent).map((j) => j.id!);
}

export interface EventRow {
  id: string;
  provider: string;
  event_id: string;
  event_type: string;
  status: string;
  attempts: number;
  last_error: string | null;
  payload: unknown;
}

export async function eventRows(t: TestApp, provider?: string): Promise<EventRow[]> {
  return t.db.query(
    `SELECT id, provider, event_id, event_type, status, attempts, last_error, payload FROM webhook_events ${provider ? 'WHERE provider = $1' : ''} ORDER BY received_at, id`,
    provider ? [provider] : [],
  );
}

export async function eventually<T>(fn: () => Promise<T>, accept: (v: T) => boolean, timeoutMs = 15000, everyMs = 100): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last = await fn();
  while (!accept(last) && Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, everyMs));
    last = await fn();
  }
  return last;
}

export async function createTrialCall(t: TestApp, options: { status?: string; vapiCallId?: string | null; twilioCallSid?: string | null; createdAt?: Date } = {}): Promise<string> {
  const [user] = await t.db.query(`INSERT INTO users (email) VALUES ($1) RETURNING id`, [`caller-${randomUUID()}@example.com`]);
  const [trial] = await t.db.query(
    `INSERT INTO trials (user_id, industry, business_name, scenario, phone_e164, expires_at) VALUES ($1, 'hvac', 'Cool Air', 'lead_intake', '+14155550123', now() + interval '2 days') RETURNING id`,
    [user.id],
  );
  const [call] = await t.db.query(
    `INSERT INTO calls (trial_id, direction, status, to_e164, vapi_call_id, twilio_call_sid, created_at) VALUES ($1, 'outbound_trial', $2, '+14155550123', $3, $4, $5) RETURNING id`,
    [trial.id, options.status ?? 'initiated', options.vapiCallId ?? null, options.twilioCallSid ?? null, options.createdAt ?? new Date()],
  );
  return call.id;
}
