import { createHmac, timingSafeEqual } from 'node:crypto';
import type { TestApp, TestResponse } from '../harness';
import type { LiveBusiness } from '../leads/leads.factory';
import { eventually } from '../webhooks/webhook-deliveries';
import { WebhookDeliverySweeper } from '../../src/modules/outbound-webhooks/webhook-delivery-sweeper.service';
import type { WebhookReceiver } from './receiver';

export const ALL_EVENT_TYPES = ['call.completed', 'lead.created', 'lead.called', 'lead.deferred', 'lead.blocked', 'subscription.updated', 'number.provisioned'];

export async function createEndpoint(t: TestApp, b: LiveBusiness, body: Record<string, unknown>): Promise<{ id: string; secret: string; [k: string]: unknown }> {
  const res = await b.owner.request(`/v1/businesses/${b.id}/webhook-endpoints`, { method: 'POST', json: { eventTypes: ALL_EVENT_TYPES, ...body } });
  if (res.status !== 201) throw new Error(`endpoint not created: ${res.status} ${await res.text()}`);
  return res.json();
}

export function endpointPath(b: LiveBusiness, endpointId: string, rest = ''): string {
  return `/v1/businesses/${b.id}/webhook-endpoints/${endpointId}${rest}`;
}

export async function sendTestEvent(b: LiveBusiness, endpointId: string): Promise<TestResponse> {
  return b.owner.request(endpointPath(b, endpointId, '/test'), { method: 'POST' });
}

/** The delivery log, newest first. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function deliveryLog(b: LiveBusiness, endpointId: string): Promise<any[]> {
  const res = await b.owner.request(endpointPath(b, endpointId, '/deliveries?limit=100'));
  if (res.status !== 200) throw new Error(`log answered ${res.status}`);
  return (await res.json()).items;
}

/** Waits until the receiver has had `count` requests (and the attempt is in the log). */
export async function receivedCount(receiver: WebhookReceiver, count: number, timeoutMs = 10_000): Promise<void> {
  await eventually(async () => receiver.received.length, (n) => n >= count, timeoutMs, 20);
  if (receiver.received.length < count) throw new Error(`receiver got ${receiver.received.length} requests, expected ${count}`);
}

/** The time passed: what the delayed jobs would do now, done by the sweeper (no grace). */
export function sweepDue(t: TestApp): Promise<{ requeued: number }> {
  return t.app.get(WebhookDeliverySweeper).sweep({ graceMs: 0 });
}

/**
 * The receiver's side, written from the documentation and independently of the sender: parse
 * `t=…,v1=…[,v1=…]`, HMAC-SHA256 of "<t>.<raw body>" keyed with the secret, compare in constant time.
 */
export function verifySignature(header: string | undefined, rawBody: string, secret: string, nowSeconds: number, toleranceSeconds = 300): boolean {
  if (!header) return false;
  const pairs = header.split(',').map((part) => {
    const eq = part.indexOf('=');
    return [part.slice(0, eq), part.slice(eq + 1)] as const;
  });
  const t = Number(pairs.find(([k]) => k === 't')?.[1]);
  if (!Number.isInteger(t) || Math.abs(nowSeconds - t) > toleranceSeconds) return false;
  const expected = Buffer.from(createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex'));
  return pairs.filter(([k]) => k === 'v1').some(([, v]) => v.length === expected.length && timingSafeEqual(Buffer.from(v), expected));
}

export function signaturesIn(header: string | undefined): string[] {
  return (header ?? '').split(',').filter((p) => p.startsWith('v1='));
}
