import { randomUUID } from 'node:crypto';
import { addMember, createBusiness, signInAs, type SignedInClient } from '../factories/auth.factory';
import { resetState, startApp, TestApp } from '../harness';
import { deliverStripe, stripeEvent } from '../webhooks/webhook-deliveries';
import { SYSTEM_ACTOR } from '../../src/common/audit/audit.service';
import { RetentionService } from '../../src/modules/retention/retention.service';
import { WebhookInspector } from '../../src/modules/webhooks/webhook-inspector.service';
import { WebhookPayloadPruned } from '../../src/modules/webhooks/webhooks.errors';

/**
 * The retention job (apply-retention): each table's period, on a manual clock, one minute either
 * side of the boundary — what is kept and what is pruned — and the batches.
 */
const START = new Date('2026-06-01T12:00:00Z');
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const before = (ms: number) => new Date(START.getTime() - ms);

describe('retention', () => {
  let t: TestApp;
  const run = (batchSize?: number) => t.app.get(RetentionService).run({ batchSize });
  const count = async (sql: string, params: unknown[] = []) => (await t.db.query(`SELECT count(*)::int AS n FROM ${sql}`, params))[0].n as number;

  beforeAll(async () => {
    t = await startApp({ clockAt: START });
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await resetState(t);
    t.clock!.set(START);
  });

  describe('provider webhook events', () => {
    /** A Stripe event received now, as processed (or failed) by then. */
    async function received(status: 'completed' | 'ignored' | 'failed' | 'pending'): Promise<{ id: string; eventId: string }> {
      const event = stripeEvent('invoice.paid');
      const res = await deliverStripe(t, event);
      expect(res.status).toBe(200);
      const [row] = await t.db.query(`SELECT id FROM webhook_events WHERE event_id = $1`, [event.id]);
      if (status !== 'pending') {
        await t.db.query(`UPDATE webhook_events SET status = $2, processed_at = CASE WHEN $2 = 'failed' THEN NULL ELSE $3::timestamptz END WHERE id = $1`, [row.id, status, START]);
        await t.db.query(
          `INSERT INTO webhook_event_attempts (webhook_event_id, attempt, trigger, outcome, started_at, finished_at) VALUES ($1, 1, 'queue', $2, $3, $3)`,
          [row.id, status === 'failed' ? 'failed' : status, START],
        );
      }
      return { id: row.id, eventId: event.id as string };
    }
    const payloadOf = async (id: string) => (await t.db.query(`SELECT payload FROM webhook_events WHERE id = $1`, [id]))[0]?.payload;

    it('clear a processed event’s payload 30 days after processing, keep its row (a redelivery is still a duplicate), and delete finished events after 90 days', async () => {
      const completed = await received('completed');
      const ignored = await received('ignored');
      const failed = await received('failed');
      const pending = await received('pending');

      t.clock!.set(new Date(START.getTime() + 30 * DAY - MINUTE));
      expect(await run()).toMatchObject({ webhookPayloadsCleared: 0, webhookEvents: 0 });
      expect(await payloadOf(completed.id)).toMatchObject({ id: completed.eventId });

      t.clock!.set(new Date(START.getTime() + 30 * DAY + MINUTE));
      expect(await run()).toMatchObject({ webhookPayloadsCleared: 2, webhookEvents: 0 });
      expect(await payloadOf(completed.id)).toBeNull();
      expect(await payloadOf(ignored.id)).toBeNull();
      // A failed event keeps what a replay needs; a pending one is never touched.
      expect(await payloadOf(failed.id)).toMatchObject({ id: failed.eventId });
      expect(await payloadOf(pending.id)).toMatchObject({ id: pending.eventId });

      // Stripe delivers the completed event again: acknowledged as a duplicate, not stored or processed again.
      const again = await deliverStripe(t, stripeEvent('invoice.paid', completed.eventId));
      expect(again.status).toBe(200);
      expect(await again.json()).toMatchObject({ duplicate: true });
      expect(await count(`webhook_events WHERE event_id = $1`, [completed.eventId])).toBe(1);
      expect(await t.db.query(`SELECT status, payload FROM webhook_events WHERE id = $1`, [completed.id])).toEqual([{ status: 'completed', payload: null }]);

      // Staff cannot replay what is gone: a clear 409, nothing run.
      await expect(t.app.get(WebhookInspector).replay(completed.id, SYSTEM_ACTOR)).rejects.toBeInstanceOf(WebhookPayloadPruned);
      expect(await count(`webhook_event_attempts WHERE webhook_event_id = $1`, [completed.id])).toBe(1);

      t.clock!.set(new Date(START.getTime() + 90 * DAY - MINUTE));
      expect(await run()).toMatchObject({ webhookEvents: 0 });

      t.clock!.set(new Date(START.getTime() + 90 * DAY + MINUTE));
      expect(await run()).toMatchObject({ webhookEvents: 3 });
      const left = await t.db.query(`SELECT id FROM webhook_events`);
      expect(left).toEqual([{ id: pending.id }]);
      expect(await count(`webhook_event_attempts`)).toBe(0);
    });
  });

  it('delete abuse events after 180 days and verification codes 7 days after they expired', async () => {
    await t.db.query(`INSERT INTO abuse_events (kind, ip, details, at) VALUES ('ip_rate_limit', '203.0.113.1', '{}', $1), ('ip_rate_limit', '203.0.113.2', '{}', $2)`, [
      before(180 * DAY + MINUTE),
      before(180 * DAY - MINUTE),
    ]);
    const [user] = await t.db.query(`INSERT INTO users (email) VALUES ('prospect@example.com') RETURNING id`);
    const [trial] = await t.db.query(
      `INSERT INTO trials (user_id, industry, business_name, scenario, phone_e164, status, expires_at) VALUES ($1, 'hvac', 'Cool Air', 'lead_intake', '+14155550123', 'expired', $2) RETURNING id`,
      [user.id, before(20 * DAY)],
    );
    await t.db.query(
      `INSERT INTO phone_verifications (trial_id, phone_e164, code_hash, sent_at, expires_at) VALUES
         ($1, '+14155550123', 'old', $2, $3), ($1, '+14155550123', 'recent', $2, $4)`,
      [trial.id, before(30 * DAY), before(7 * DAY + MINUTE), before(7 * DAY - MINUTE)],
    );
    expect(await run()).toMatchObject({ abuseEvents: 1, phoneVerifications: 1 });
    expect(await t.db.query(`SELECT ip FROM abuse_events`)).toEqual([{ ip: '203.0.113.2' }]);
    expect(await t.db.query(`SELECT code_hash FROM phone_verifications`)).toEqual([{ code_hash: 'recent' }]);
  });

  it('delete sign-in links 7 days after they expired, sessions 30 days after they ended, and Idempotency-Keys past their 24 hours', async () => {
    await t.db.query(`INSERT INTO magic_links (email, token_hash, expires_at, used_at) VALUES ('a@example.com', 'old', $1, $1), ('a@example.com', 'recent', $2, NULL)`, [
      before(7 * DAY + MINUTE),
      before(7 * DAY - MINUTE),
    ]);
    const [user] = await t.db.query(`INSERT INTO users (email) VALUES ('a@example.com') RETURNING id`);
    await t.db.query(
      `INSERT INTO sessions (user_id, token_hash, expires_at, last_seen_at, revoked_at) VALUES
         ($1, 'expired-long-ago', $2, $2, NULL), ($1, 'expired-recently', $3, $3, NULL),
         ($1, 'revoked-long-ago', $4, $2, $2), ($1, 'live', $4, $4, NULL)`,
      [user.id, before(30 * DAY + MINUTE), before(30 * DAY - MINUTE), new Date(START.getTime() + DAY)],
    );
    await t.db.query(
      `INSERT INTO idempotency_keys (scope, key, request_sha256, created_at, expires_at) VALUES ('s', 'spent', 'x', $1, $2), ('s', 'live', 'x', $1, $3)`,
      [before(DAY), START, new Date(START.getTime() + MINUTE)],
    );
    expect(await run()).toMatchObject({ magicLinks: 1, sessions: 2, idempotencyKeys: 1 });
    expect(await t.db.query(`SELECT token_hash FROM magic_links`)).toEqual([{ token_hash: 'recent' }]);
    expect((await t.db.query(`SELECT token_hash FROM sessions ORDER BY token_hash`)).map((r: { token_hash: string }) => r.token_hash)).toEqual(['expired-recently', 'live']);
    expect(await t.db.query(`SELECT key FROM idempotency_keys`)).toEqual([{ key: 'live' }]);
  });

  it('delete a large backlog in batches: every old row goes, a statement at a time, and the recent ones stay', async () => {
    await t.db.query(
      `INSERT INTO abuse_events (kind, ip, details, at) SELECT 'ip_rate_limit', '203.0.113.' || i, '{}', $1 FROM generate_series(1, 7) i`,
      [before(200 * DAY)],
    );
    await t.db.query(`INSERT INTO abuse_events (kind, ip, details, at) VALUES ('ip_rate_limit', '198.51.100.1', '{}', $1)`, [before(DAY)]);
    // 3 a statement: 3 + 3 + 1 — one statement alone would have left 4.
    expect(await run(3)).toMatchObject({ abuseEvents: 7 });
    expect(await t.db.query(`SELECT ip FROM abuse_events`)).toEqual([{ ip: '198.51.100.1' }]);
  });

  describe('recordings and transcripts, on each business’s own period', () => {
    let owner: SignedInClient;
    let businessId: string;
    const url = () => `/v1/businesses/${businessId}/compliance-settings`;

    beforeEach(async () => {
      owner = await signInAs(t, 'owner@coolair.example');
      businessId = await createBusiness(t, { ownerId: owner.userId });
    });

    async function call(business: string, createdAt: Date): Promise<string> {
      const [row] = await t.db.query(
        `INSERT INTO calls (business_id, direction, status, to_e164, recording_url, transcript, summary, duration_seconds, created_at, updated_at)
         VALUES ($1, 'inbound', 'completed', '+14155550100', 'https://storage.example/rec.wav', '[{"role":"user","text":"Hi"}]', 'Asked for a quote', 42, $2, $2) RETURNING id`,
        [business, createdAt],
      );
      return row.id;
    }
    const callOf = async (id: string) =>
      (await t.db.query(`SELECT recording_url, transcript, summary, duration_seconds, updated_at FROM calls WHERE id = $1`, [id]))[0] as {
        recording_url: string | null;
        transcript: unknown;
        summary: string;
        duration_seconds: number;
        updated_at: Date;
      };

    it('an owner sets it (30, 90 or 365 days, or null to keep); calls older than it lose recording and transcript, nothing else', async () => {
      expect(await (await owner.request(url())).json()).toMatchObject({ recordingRetentionDays: null });
      const old = await call(businessId, before(30 * DAY + MINUTE));
      const recent = await call(businessId, before(30 * DAY - MINUTE));
      const otherBusiness = await createBusiness(t, { name: 'Keeps everything' });
      const elsewhere = await call(otherBusiness, before(400 * DAY));

      // No period: everything is kept.
      expect(await run()).toMatchObject({ callRecordings: 0 });

      const set = await owner.request(url(), { method: 'PATCH', json: { recordingRetentionDays: 30 } });
      expect(set.status).toBe(200);
      expect(await set.json()).toMatchObject({ recordingRetentionDays: 30, maxCallsPerMinute: 30 });
      expect(await (await owner.request(url())).json()).toMatchObject({ recordingRetentionDays: 30 });

      expect(await run()).toMatchObject({ callRecordings: 1 });
      const cleared = await callOf(old);
      expect(cleared).toMatchObject({ recording_url: null, transcript: null, summary: 'Asked for a quote', duration_seconds: 42 });
      // updated_at is left alone: analytics would otherwise recompute a day none of whose figures changed.
      expect(cleared.updated_at.getTime()).toBe(before(30 * DAY + MINUTE).getTime());
      expect(await callOf(recent)).toMatchObject({ recording_url: 'https://storage.example/rec.wav', transcript: [{ role: 'user', text: 'Hi' }] });
      expect(await callOf(elsewhere)).toMatchObject({ recording_url: 'https://storage.example/rec.wav' });

      // Two minutes later the recent one is past 30 days too; a second run finds nothing else.
      t.clock!.advance(2 * MINUTE);
      expect(await run()).toMatchObject({ callRecordings: 1 });
      expect(await callOf(recent)).toMatchObject({ recording_url: null, transcript: null });
      expect(await run()).toMatchObject({ callRecordings: 0 });

      // Back to keeping: the other settings are untouched.
      const keep = await owner.request(url(), { method: 'PATCH', json: { recordingRetentionDays: null } });
      expect(await keep.json()).toMatchObject({ recordingRetentionDays: null, maxCallsPerMinute: 30 });
      expect((await t.db.query(`SELECT compliance_settings FROM businesses WHERE id = $1`, [businessId]))[0].compliance_settings).toEqual({});
    });

    it('refuses a period other than 30, 90 or 365 with 400 VALIDATION.FAILED, changing nothing', async () => {
      for (const recordingRetentionDays of [45, 0, -30, '30', 30.5, 100000]) {
        const res = await owner.request(url(), { method: 'PATCH', json: { recordingRetentionDays } });
        expect({ recordingRetentionDays, status: res.status }).toEqual({ recordingRetentionDays, status: 400 });
        const body = await res.json();
        expect(body.code).toBe('VALIDATION.FAILED');
        expect(JSON.stringify(body.errors)).toContain('recordingRetentionDays');
      }
      for (const days of [90, 365]) {
        expect(await (await owner.request(url(), { method: 'PATCH', json: { recordingRetentionDays: days } })).json()).toMatchObject({ recordingRetentionDays: days });
      }
    });

    it('only owners change it: a member and an API key read it but get 403; a stranger 404', async () => {
      await owner.request(url(), { method: 'PATCH', json: { recordingRetentionDays: 90 } });
      const member = await signInAs(t, 'member@coolair.example');
      await addMember(t, businessId, member.userId, 'member');
      expect(await (await member.request(url())).json()).toMatchObject({ recordingRetentionDays: 90 });
      const refused = await member.request(url(), { method: 'PATCH', json: { recordingRetentionDays: 30 } });
      expect(refused.status).toBe(403);
      expect((await refused.json()).code).toBe('AUTH.FORBIDDEN');

      const key = (await (await owner.request(`/v1/businesses/${businessId}/api-keys`, { method: 'POST', json: { name: 'integration' } })).json()).key as string;
      const withKey = (init: RequestInit & { json?: unknown } = {}) => t.request(url(), { ...init, headers: { authorization: `Bearer ${key}` } });
      expect(await (await withKey()).json()).toMatchObject({ recordingRetentionDays: 90 });
      const byKey = await withKey({ method: 'PATCH', json: { recordingRetentionDays: 30 } });
      expect(byKey.status).toBe(403);

      const stranger = await signInAs(t, `stranger-${randomUUID()}@example.com`);
      expect((await stranger.request(url(), { method: 'PATCH', json: { recordingRetentionDays: 30 } })).status).toBe(404);
      expect(await (await owner.request(url())).json()).toMatchObject({ recordingRetentionDays: 90 });
    });
  });
});
