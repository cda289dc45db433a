import type { SandboxEmail } from '@beaker/contracts';
import { Clock } from '../../src/common/clock';
import { Mailer, MailUnavailable } from '../../src/common/mail/mailer';
import { DailySnapshots, WeeklyReports } from '../../src/modules/analytics';
import { SnapshotsRepository } from '../../src/modules/analytics/persistence/snapshots.repository';
import { WeeklyReportsRepository } from '../../src/modules/analytics/persistence/weekly-reports.repository';
import { ApiKeysService, MembershipService } from '../../src/modules/auth';
import { BusinessesService } from '../../src/modules/businesses';
import { CallsService } from '../../src/modules/calls';
import { LeadStatsService } from '../../src/modules/leads';
import { addMember, createBusiness, inbox, signInAs, type SignedInClient } from '../factories/auth.factory';
import { resetState, startApp, TestApp } from '../harness';
import { ServiceContext, serviceContext } from '../services/service-context';

/** Monday 7 December 2026. Los Angeles is on PST (UTC−8): its Monday 09:00 is 17:00 UTC. */
const MONDAY_0859_LA = new Date('2026-12-07T16:59:00Z');
const MONDAY_0900_LA = new Date('2026-12-07T17:00:00Z');

/**
 * The weekly report email against hand-computed figures: due at Monday 09:00 in the business's
 * zone, sent once per business, week and recipient however many workers run it, taken over after
 * a worker died holding its claim, stopped by its unsubscribe link signed out; staff preview.
 */
describe('the weekly report email', () => {
  let t: TestApp;
  let reports: WeeklyReports;
  let owner: SignedInClient;
  let la: string;

  beforeAll(async () => {
    t = await startApp({ clockAt: MONDAY_0900_LA });
    reports = t.app.get(WeeklyReports);
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    t.clock!.set(MONDAY_0900_LA);
    await resetState(t);
    owner = await signInAs(t, 'owner@pacific.test');
    la = await createBusiness(t, { name: 'Pacific <Plumbing>', ownerId: owner.userId });
    await t.db.query(`UPDATE businesses SET timezone = 'America/Los_Angeles', created_at = '2026-11-01T00:00:00Z' WHERE id = $1`, [la]);
  });

  const call = async (businessId: string, c: { direction?: string; status: string; at: string; seconds?: number; intent?: string }): Promise<string> =>
    (
      await t.db.query(
        `INSERT INTO calls (business_id, direction, status, to_e164, duration_seconds, extracted_lead, created_at, updated_at)
         VALUES ($1, $2, $3, '+14155550123', $4, $5, $6, $6) RETURNING id`,
        [businessId, c.direction ?? 'inbound', c.status, c.seconds ?? null, c.intent ? JSON.stringify({ intent: c.intent }) : null, c.at],
      )
    )[0].id;

  const lead = (businessId: string, l: { at: string; name?: string; phone?: string; message?: string; calledAfterS?: number; inboundCallId?: string }) =>
    t.db.query(
      `INSERT INTO leads (business_id, source, inbound_call_id, phone_e164, name, message, status, auto_call, last_submission_at, created_at, updated_at, first_attempt_at)
       VALUES ($1, $2, $3, $4, $5, $6, 'new', true, $7, $7, $7, $8)`,
      [
        businessId,
        l.inboundCallId ? 'inbound_call' : 'api',
        l.inboundCallId ?? null,
        l.phone ?? '+14155550100',
        l.name ?? null,
        l.message ?? null,
        l.at,
        l.calledAfterS === undefined ? null : new Date(new Date(l.at).getTime() + l.calledAfterS * 1000),
      ],
    );

  /**
   * The reported week is Mon 30 Nov – Sun 6 Dec, local: 2026-11-30T08:00Z to 2026-12-07T08:00Z.
   * This week: 4 calls (3 answered of 4 ended: 75%), 3 leads, two called after 10 s and 30 s on
   * different days (median of the days' medians, weighted by one each: 20 s).
   * The week before: 2 calls (1 of 2 answered: 50%), 1 lead called after 40 s.
   */
  async function weekFixture(): Promise<void> {
    const furnace = await call(la, { status: 'completed', at: '2026-12-01T18:00:00Z', seconds: 120, intent: 'Furnace tune-up before winter' });
    await call(la, { status: 'completed', at: '2026-12-07T07:30:00Z', seconds: 60 }); // Sunday 23:30 local: this week, though Monday in UTC
    await call(la, { status: 'failed', at: '2026-12-03T20:00:00Z' });
    await call(la, { direction: 'outbound_lead', status: 'completed', at: '2026-12-02T17:00:00Z', seconds: 45 });
    await call(la, { status: 'completed', at: '2026-12-07T08:30:00Z', seconds: 30 }); // Monday 00:30 local: this week's, not reported
    await call(la, { status: 'completed', at: '2026-11-30T07:59:00Z', seconds: 30 }); // Sunday 29 Nov 23:59 local: the week before
    await call(la, { status: 'failed', at: '2026-11-25T18:00:00Z' });
    await lead(la, { at: '2026-12-01T18:05:00Z', name: 'Dan Brooks', phone: '+14155550111', inboundCallId: furnace });
    await lead(la, { at: '2026-12-02T16:59:50Z', name: 'Maria Lopez', phone: '+14155550122', message: 'AC is blowing warm air', calledAfterS: 10 });
    await lead(la, { at: '2026-12-04T19:00:00Z', phone: '+14155550177', calledAfterS: 30 });
    await lead(la, { at: '2026-11-24T18:00:00Z', name: 'Earlier Lead', calledAfterS: 40 });
  }

  const weekly = async (email: string): Promise<SandboxEmail[]> => (await inbox(t, email)).filter((m) => m.subject.startsWith('Your week at'));
  const tokenOf = (m: SandboxEmail) => /unsubscribe\/weekly-report\?token=([A-Za-z0-9_-]+)/.exec(m.text)![1];

  it("is not due before Monday 09:00 in the business's zone (Monday afternoon UTC in Los Angeles), then goes to the owner once", async () => {
    const staffOwner = await signInAs(t, 'owner@harbor.test');
    const utc = await createBusiness(t, { name: 'Harbor Gym', ownerId: staffOwner.userId });
    await t.db.query(`UPDATE businesses SET created_at = '2026-11-01T00:00:00Z' WHERE id = $1`, [utc]);

    t.clock!.set(MONDAY_0859_LA);
    expect(await reports.sendDue()).toEqual({ sent: 1, failed: 0 }); // Harbor Gym, on UTC's clock since 09:00Z
    expect(await weekly('owner@harbor.test')).toHaveLength(1);
    expect(await weekly('owner@pacific.test')).toHaveLength(0);

    t.clock!.set(MONDAY_0900_LA);
    expect(await reports.sendDue()).toEqual({ sent: 1, failed: 0 });
    expect(await weekly('owner@pacific.test')).toHaveLength(1);
    t.clock!.set(new Date('2026-12-09T12:00:00Z'));
    expect(await reports.sendDue()).toEqual({ sent: 0, failed: 0 });
    expect(await weekly('owner@pacific.test')).toHaveLength(1);
  });

  it('reports the week against the one before, the leads by name and what they wanted, in HTML and text', async () => {
    await weekFixture();
    await reports.sendDue();
    const [mail] = await weekly('owner@pacific.test');
    expect(mail.subject).toBe('Your week at Pacific <Plumbing>: 4 calls, 3 leads (30 Nov – 6 Dec 2026)');
    expect(mail.text).toContain(
      [
        'Calls: 4 (the week before: 2; +100%)',
        'Leads: 3 (the week before: 1; +200%)',
        'Answered: 75% (the week before: 50%; +50%)',
        'Time to call a lead (median): 20 s (the week before: 40 s; −50%)',
      ].join('\n'),
    );
    expect(mail.text).toContain(
      ['New leads (3):', '- Dan Brooks (+14155550111): Furnace tune-up before winter', '- Maria Lopez (+14155550122): AC is blowing warm air', '- +14155550177: no details'].join('\n'),
    );
    expect(mail.text).toContain(`Your dashboard: ${t.baseUrl}/app/businesses/${la}/analytics?range=7d`);
    expect(mail.html).toContain('Pacific &lt;Plumbing&gt;');
    expect(mail.html).not.toContain('Pacific <Plumbing>');
    expect(mail.html).toContain('<strong>Dan Brooks</strong> (+14155550111): Furnace tune-up before winter');
    expect(mail.html).toContain(`href="${t.baseUrl}/app/businesses/${la}/analytics?range=7d"`);
    const token = tokenOf(mail);
    expect(mail.html).toContain(`href="${t.baseUrl}/unsubscribe/weekly-report?token=${token}"`);
    expect(mail.headers).toEqual({ 'List-Unsubscribe': `<${t.baseUrl}/unsubscribe/weekly-report?token=${token}>` });
    // Only the token's hash is stored.
    const stored = await t.db.query(`SELECT token_hash FROM weekly_report_unsubscribe_tokens`);
    expect(stored).toHaveLength(1);
    expect(stored[0].token_hash).not.toContain(token);
  });

  it('goes to owners unless they turn it off, to members only when they turn it on', async () => {
    const member = await signInAs(t, 'member@pacific.test');
    const quiet = await signInAs(t, 'quiet@pacific.test');
    const coOwner = await signInAs(t, 'co-owner@pacific.test');
    await addMember(t, la, member.userId, 'member');
    await addMember(t, la, quiet.userId, 'member');
    await addMember(t, la, coOwner.userId, 'owner');

    expect((await (await member.request(`/v1/businesses/${la}/weekly-report-settings`)).json()).weeklyReport).toBe(false);
    expect((await (await coOwner.request(`/v1/businesses/${la}/weekly-report-settings`)).json()).weeklyReport).toBe(true);
    const on = await member.request(`/v1/businesses/${la}/weekly-report-settings`, { method: 'PUT', json: { weeklyReport: true } });
    expect(on.status).toBe(200);
    expect(await on.json()).toEqual({ weeklyReport: true });
    expect((await coOwner.request(`/v1/businesses/${la}/weekly-report-settings`, { method: 'PUT', json: { weeklyReport: false } })).status).toBe(200);
    const bad = await member.request(`/v1/businesses/${la}/weekly-report-settings`, { method: 'PUT', json: { weeklyReport: 'yes' } });
    expect([bad.status, (await bad.json()).code]).toEqual([400, 'VALIDATION.FAILED']);

    expect(await reports.sendDue()).toEqual({ sent: 2, failed: 0 });
    expect(await weekly('owner@pacific.test')).toHaveLength(1);
    expect(await weekly('member@pacific.test')).toHaveLength(1);
    expect(await weekly('quiet@pacific.test')).toHaveLength(0);
    expect(await weekly('co-owner@pacific.test')).toHaveLength(0);
  });

  it('is sent exactly once when two workers run the job at the same time', async () => {
    const second: ServiceContext = await serviceContext(MONDAY_0900_LA);
    try {
      const businesses = [la];
      for (let i = 0; i < 5; i++) {
        const o = await signInAs(t, `owner${i}@many.test`);
        const id = await createBusiness(t, { name: `Shop ${i}`, ownerId: o.userId });
        const m = await signInAs(t, `member${i}@many.test`);
        await addMember(t, id, m.userId, 'member');
        await t.db.query(`INSERT INTO weekly_report_settings (business_id, user_id, weekly_report) VALUES ($1, $2, true)`, [id, m.userId]);
        await t.db.query(`UPDATE businesses SET timezone = 'America/Los_Angeles', created_at = '2026-11-01T00:00:00Z' WHERE id = $1`, [id]);
        businesses.push(id);
      }
      // The HTTP app's instance and two runs of the second context, at once.
      const runs = await Promise.all([reports.sendDue(), second.get(WeeklyReports).sendDue(), second.get(WeeklyReports).sendDue()]);
      // 1 owner + 5 × (owner + member) = 11 recipients, however the runs split them.
      expect(runs.reduce((n, r) => n + r.sent, 0)).toBe(11);
      const rows = await t.db.query(`SELECT status, attempts FROM weekly_report_sends`);
      expect(rows).toHaveLength(11);
      expect(rows.every((r: { status: string; attempts: number }) => r.status === 'sent' && r.attempts === 1)).toBe(true);
      for (const to of ['owner@pacific.test', ...[0, 1, 2, 3, 4].flatMap((i) => [`owner${i}@many.test`, `member${i}@many.test`])]) {
        expect({ to, n: (await weekly(to)).length }).toEqual({ to, n: 1 });
      }
      expect(await reports.sendDue()).toEqual({ sent: 0, failed: 0 });
      expect(await second.get(WeeklyReports).sendDue()).toEqual({ sent: 0, failed: 0 });
    } finally {
      await second.close();
    }
  });

  it('a worker that died holding the claim: nobody sends while its lease runs, the next run after it sends once', async () => {
    // What a worker killed between claiming and sending leaves behind.
    await t.db.query(
      `INSERT INTO weekly_report_sends (business_id, user_id, week_start, status, attempts, lease_until) VALUES ($1, $2, '2026-11-30', 'sending', 1, $3)`,
      [la, owner.userId, new Date(MONDAY_0900_LA.getTime() + 10 * 60_000)],
    );
    expect(await reports.sendDue()).toEqual({ sent: 0, failed: 0 });
    expect(await weekly('owner@pacific.test')).toHaveLength(0);

    t.clock!.set(new Date(MONDAY_0900_LA.getTime() + 10 * 60_000));
    expect(await reports.sendDue()).toEqual({ sent: 1, failed: 0 });
    expect(await t.db.query(`SELECT status, attempts FROM weekly_report_sends`)).toEqual([{ status: 'sent', attempts: 2 }]);
    t.clock!.set(new Date(MONDAY_0900_LA.getTime() + 60 * 60_000));
    expect(await reports.sendDue()).toEqual({ sent: 0, failed: 0 });
    expect(await weekly('owner@pacific.test')).toHaveLength(1);
  });

  it('a mail server that refuses: the claim is freed for the next run, and given up (failed) after the fifth attempt', async () => {
    // The edge of the process only: the real service and database, a mail server that says no.
    const refusing = new (class extends Mailer {
      async send(): Promise<void> {
        throw new MailUnavailable('connection refused');
      }
    })();
    const get = <T>(type: abstract new (...args: never[]) => T): T => t.app.get(type, { strict: false });
    const down = new WeeklyReports(
      get(BusinessesService),
      get(MembershipService),
      get(LeadStatsService),
      get(CallsService),
      get(DailySnapshots),
      get(SnapshotsRepository),
      get(WeeklyReportsRepository),
      refusing,
      t.config,
      get(Clock),
    );
    for (let attempt = 1; attempt <= 5; attempt++) {
      expect(await down.sendDue()).toEqual({ sent: 0, failed: 1 });
      const [row] = await t.db.query(`SELECT status, attempts, last_error FROM weekly_report_sends`);
      expect(row).toEqual({ status: attempt < 5 ? 'sending' : 'failed', attempts: attempt, last_error: 'connection refused' });
    }
    expect(await down.sendDue()).toEqual({ sent: 0, failed: 0 });
    // Given up is final: a healthy worker does not send it either.
    expect(await reports.sendDue()).toEqual({ sent: 0, failed: 0 });
    expect(await weekly('owner@pacific.test')).toHaveLength(0);
  });

  it('unsubscribes signed out: the GET only asks, the POST does it; a bad token is a 400 with its code', async () => {
    await reports.sendDue();
    const token = tokenOf((await weekly('owner@pacific.test'))[0]);

    const ask = await t.request(`/v1/weekly-report/unsubscribe?token=${token}`);
    expect(ask.status).toBe(200);
    expect(await ask.json()).toEqual({ businessName: 'Pacific <Plumbing>', email: 'o***r@pacific.test', subscribed: true });
    // A GET (a mail scanner's prefetch) changed nothing.
    expect((await (await owner.request(`/v1/businesses/${la}/weekly-report-settings`)).json()).weeklyReport).toBe(true);

    const done = await t.request('/v1/weekly-report/unsubscribe', { method: 'POST', json: { token } });
    expect(done.status).toBe(200);
    expect(await done.json()).toEqual({ businessName: 'Pacific <Plumbing>', subscribed: false });
    expect((await (await owner.request(`/v1/businesses/${la}/weekly-report-settings`)).json()).weeklyReport).toBe(false);
    expect((await t.request('/v1/weekly-report/unsubscribe', { method: 'POST', json: { token } })).status).toBe(200);
    expect((await (await t.request(`/v1/weekly-report/unsubscribe?token=${token}`)).json()).subscribed).toBe(false);

    for (const bad of ['nope', 'A'.repeat(43), `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`]) {
      for (const res of [await t.request(`/v1/weekly-report/unsubscribe?token=${bad}`), await t.request('/v1/weekly-report/unsubscribe', { method: 'POST', json: { token: bad } })]) {
        expect({ bad, status: res.status, code: (await res.json()).code }).toEqual({ bad, status: 400, code: 'ANALYTICS.UNSUBSCRIBE_LINK_INVALID' });
      }
    }
    const none = await t.request('/v1/weekly-report/unsubscribe', { method: 'POST', json: {} });
    expect([none.status, (await none.json()).code]).toEqual([400, 'ANALYTICS.UNSUBSCRIBE_LINK_INVALID']);

    // The next Monday: nothing for the owner who left.
    t.clock!.set(new Date('2026-12-14T17:00:00Z'));
    expect(await reports.sendDue()).toEqual({ sent: 0, failed: 0 });
  });

  it('staff preview any business; owners and API keys get 403', async () => {
    await weekFixture();
    const staff = await signInAs(t, 'staff@beaker.dev', { role: 'admin' });
    const res = await staff.request(`/v1/admin/businesses/${la}/weekly-report/preview`);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body).toMatchObject({ businessId: la, weekStart: '2026-11-30', weekEnd: '2026-12-06', timeZone: 'America/Los_Angeles', subject: 'Your week at Pacific <Plumbing>: 4 calls, 3 leads (30 Nov – 6 Dec 2026)' });
    expect(body.text).toContain('Calls: 4 (the week before: 2; +100%)');
    expect(body.html).toContain('<strong>Maria Lopez</strong>');
    expect(body.html).not.toContain('unsubscribe/weekly-report');
    // Nothing sent or recorded.
    expect(await t.db.query(`SELECT 1 FROM weekly_report_sends`)).toHaveLength(0);
    expect(await weekly('owner@pacific.test')).toHaveLength(0);

    expect((await staff.request(`/v1/admin/businesses/00000000-0000-4000-8000-000000000000/weekly-report/preview`)).status).toBe(404);
    expect((await staff.request(`/v1/admin/businesses/not-a-uuid/weekly-report/preview`)).status).toBe(404);
    const forbidden = await owner.request(`/v1/admin/businesses/${la}/weekly-report/preview`);
    expect([forbidden.status, (await forbidden.json()).code]).toEqual([403, 'AUTH.FORBIDDEN']);
    const key = (await t.app.get(ApiKeysService).create(la, 'integration', owner.userId)).key;
    const byKey = await t.request(`/v1/admin/businesses/${la}/weekly-report/preview`, { headers: { authorization: `Bearer ${key}` } });
    expect(byKey.status).toBe(403);
    const keySettings = await t.request(`/v1/businesses/${la}/weekly-report-settings`, { headers: { authorization: `Bearer ${key}` } });
    expect(keySettings.status).toBe(403);
    expect((await t.request(`/v1/admin/businesses/${la}/weekly-report/preview`)).status).toBe(401);
  });
});
