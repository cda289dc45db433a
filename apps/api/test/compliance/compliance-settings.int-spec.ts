import { resetState, startApp, TestApp } from '../harness';
import { addMember, createBusiness, signInAs, type SignedInClient } from '../factories/auth.factory';
import { CA_NUMBER } from './compliance.factory';

/**
 * GET/PATCH /v1/businesses/:id/compliance-settings: owners set what the compliance check reads
 * (time zone, outbound calling hours, calls a minute); the next check narrows the law with them.
 */
describe('compliance settings', () => {
  let t: TestApp;
  let owner: SignedInClient;
  let businessId: string;
  const url = () => `/v1/businesses/${businessId}/compliance-settings`;

  beforeAll(async () => {
    t = await startApp({ clockAt: new Date('2026-03-10T16:00:00Z') }); // a Tuesday, 09:00 in San Francisco
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    await resetState(t);
    owner = await signInAs(t, 'owner@coolair.example');
    businessId = await createBusiness(t, { ownerId: owner.userId });
  });

  const evaluate = async () =>
    (await owner.request('/v1/compliance/evaluate', { method: 'POST', json: { to: CA_NUMBER, purpose: 'inbound_callback', businessId } })).json();

  it('answers the defaults, and the calling hours an owner sets are what the next check reads', async () => {
    const before = await owner.request(url());
    expect(before.status).toBe(200);
    expect(await before.json()).toEqual({ timezone: null, callingHours: null, maxCallsPerMinute: 30, recordingRetentionDays: null });
    expect((await evaluate()).decision).toBe('allow');

    const res = await owner.request(url(), {
      method: 'PATCH',
      json: { timezone: 'America/Los_Angeles', callingHours: { tue: [{ from: '13:00', to: '17:00' }], wed: [{ from: '09:00', to: '12:00' }] }, maxCallsPerMinute: 5 },
    });
    expect(res.status).toBe(200);
    const saved = await res.json();
    expect(saved).toEqual({
      timezone: 'America/Los_Angeles',
      callingHours: { mon: [], tue: [{ from: '13:00', to: '17:00' }], wed: [{ from: '09:00', to: '12:00' }], thu: [], fri: [], sat: [], sun: [] },
      maxCallsPerMinute: 5,
      recordingRetentionDays: null,
    });
    expect(await (await owner.request(url())).json()).toEqual(saved);
    const [row] = await t.db.query(`SELECT timezone, compliance_settings FROM businesses WHERE id = $1`, [businessId]);
    expect(row.timezone).toBe('America/Los_Angeles');
    expect(row.compliance_settings.maxCallsPerMinute).toBe(5);

    // 09:00 on Tuesday is outside the business's hours: the check waits for 13:00 (PDT, UTC−7).
    const deferred = await evaluate();
    expect(deferred).toMatchObject({ decision: 'defer', nextAllowedAt: '2026-03-10T20:00:00.000Z' });

    // Clearing the hours (only them) gives the law's windows back; the cap stays.
    const cleared = await (await owner.request(url(), { method: 'PATCH', json: { callingHours: null } })).json();
    expect(cleared).toEqual({ timezone: 'America/Los_Angeles', callingHours: null, maxCallsPerMinute: 5, recordingRetentionDays: null });
    expect((await evaluate()).decision).toBe('allow');
  });

  it('refuses bad settings with 400 VALIDATION.FAILED and the field, changing nothing', async () => {
    const bad = [
      { timezone: 'Mars/Olympus_Mons' },
      { maxCallsPerMinute: 0 },
      { maxCallsPerMinute: 31 },
      { maxCallsPerMinute: 2.5 },
      { callingHours: { tue: [{ from: '9am', to: '17:00' }] } },
      { callingHours: { tue: [{ from: '17:00', to: '09:00' }] } },
      { callingHours: { tue: [{ from: '09:00', to: '12:00' }, { from: '11:00', to: '13:00' }] } },
      { callingHours: { someday: [] } },
      { callingHours: 'weekdays' },
    ];
    for (const json of bad) {
      const res = await owner.request(url(), { method: 'PATCH', json });
      expect({ json, status: res.status }).toEqual({ json, status: 400 });
      const body = await res.json();
      expect(body.code).toBe('VALIDATION.FAILED');
      expect(body.errors.length).toBeGreaterThan(0);
    }
    const overlap = await (await owner.request(url(), { method: 'PATCH', json: bad[6] })).json();
    expect(overlap.errors).toEqual([{ field: 'callingHours.tue', messages: ['11:00–13:00 overlaps another window'] }]);
    expect(await (await owner.request(url())).json()).toEqual({ timezone: null, callingHours: null, maxCallsPerMinute: 30, recordingRetentionDays: null });
  });

  it('members read them, only owners change them; strangers get 404', async () => {
    const member = await signInAs(t, 'member@coolair.example');
    await addMember(t, businessId, member.userId, 'member');
    expect((await member.request(url())).status).toBe(200);
    const refused = await member.request(url(), { method: 'PATCH', json: { maxCallsPerMinute: 3 } });
    expect(refused.status).toBe(403);
    expect((await refused.json()).code).toBe('AUTH.FORBIDDEN');
    const stranger = await signInAs(t, 'stranger@example.com');
    expect((await stranger.request(url())).status).toBe(404);
    expect((await stranger.request(url(), { method: 'PATCH', json: { maxCallsPerMinute: 3 } })).status).toBe(404);
    const noCsrf = await owner.request(url(), { method: 'PATCH', json: { maxCallsPerMinute: 3 }, csrf: false });
    expect(noCsrf.status).toBe(403);
    expect((await (await owner.request(url())).json()).maxCallsPerMinute).toBe(30);
  });

  it('GET /v1/businesses/:id includes its phone number once setup bought one', async () => {
    expect((await (await owner.request(`/v1/businesses/${businessId}`)).json()).phoneNumber).toBeNull();
    await t.db.query(`INSERT INTO phone_numbers (business_id, e164, twilio_sid, status) VALUES ($1, '+14155550100', 'PN00000000000000000000000000000001', 'active')`, [businessId]);
    const body = await (await owner.request(`/v1/businesses/${businessId}`)).json();
    expect(body).toMatchObject({ id: businessId, phoneNumber: { e164: '+14155550100', status: 'active' } });
  });
});
