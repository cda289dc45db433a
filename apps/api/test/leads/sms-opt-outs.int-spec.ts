import { randomUUID } from 'node:crypto';
import { resetState, startApp, TestApp } from '../harness';
import { deliverTwilio, eventRows, eventually } from '../webhooks/webhook-deliveries';
import { consentOf, leadCalls, leadReaches, leadsSettled, liveBusiness, pushLead, type LiveBusiness } from './leads.factory';

const NOON_MIAMI = new Date('2026-03-10T16:00:00Z');
const LEAD = '+13055550123';

/** Texts to our numbers, through /webhooks/twilio with Twilio's own signature: STOP, START, HELP. */
describe('speed-to-lead: opt-outs by text', () => {
  let t: TestApp;
  let b: LiveBusiness;

  beforeAll(async () => {
    t = await startApp({ clockAt: NOON_MIAMI, inlineWorkers: true, env: { SANDBOX_CALL_STEP_MS: '20' } });
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    t.clock!.set(NOON_MIAMI);
    await resetState(t);
    b = await liveBusiness(t);
  });
  afterEach(async () => leadsSettled(t));

  /** Twilio's incoming-message webhook, as it posts it. */
  const text = (body: string, to: string, from = LEAD) => {
    const sid = `SM${randomUUID().replace(/-/g, '')}`;
    return deliverTwilio(t, {
      ToCountry: 'US',
      SmsMessageSid: sid,
      NumMedia: '0',
      SmsSid: sid,
      SmsStatus: 'received',
      Body: body,
      To: to,
      NumSegments: '1',
      MessageSid: sid,
      AccountSid: 'AC00000000000000000000000000000000',
      From: from,
      ApiVersion: '2010-04-01',
    });
  };
  const dnc = () => t.db.query(`SELECT business_id, phone_e164, source, removed_at IS NOT NULL AS removed FROM dnc_entries ORDER BY created_at`);

  it('STOP (any case, spaces) lists the sender for the business that owns the number before Twilio gets its confirmation; the next lead is never called', async () => {
    const res = await text('  stop ', b.number);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/xml/);
    expect(await res.text()).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><Response><Message>You are unsubscribed from Cool Air HVAC: no more calls or texts from this number. Reply START to undo.</Message></Response>',
    );
    // Already on the list when the answer left: not left to a job.
    expect(await dnc()).toEqual([{ business_id: b.id, phone_e164: LEAD, source: 'sms_stop', removed: false }]);
    const [revocation] = await t.db.query(`SELECT method, business_id FROM consent_records WHERE kind = 'revocation'`);
    expect(revocation).toEqual({ method: 'sms_stop', business_id: b.id });
    const [event] = await eventRows(t, 'twilio');
    expect(event).toMatchObject({ event_type: 'incoming-message', status: 'completed' });

    const { id } = await (await pushLead(t, b.key, { phone: LEAD, consent: consentOf(t) })).json();
    const lead = await leadReaches(t, id, ['blocked']);
    expect(lead.status_reason).toBe('dnc.business');
    expect(await leadCalls(t, id)).toHaveLength(0);
  });

  it('every opt-out word counts; START and UNSTOP undo an SMS STOP; HELP answers help; other texts get no reply', async () => {
    for (const word of ['STOPALL', 'Unsubscribe', 'cancel', 'END', 'quit', 'revoke', 'OptOut']) {
      expect((await text(word, b.number, '+13055550140')).status).toBe(200);
    }
    expect(await dnc()).toEqual([{ business_id: b.id, phone_e164: '+13055550140', source: 'sms_stop', removed: false }]);

    const start = await text('Start', b.number, '+13055550140');
    expect(await start.text()).toContain('subscribed again to Cool Air HVAC');
    expect(await dnc()).toEqual([{ business_id: b.id, phone_e164: '+13055550140', source: 'sms_stop', removed: true }]);
    await text('STOP', b.number, '+13055550140');
    await text('unstop', b.number, '+13055550140');
    expect((await dnc()).every((e: { removed: boolean }) => e.removed)).toBe(true);

    const help = await text('HELP', b.number);
    expect(await help.text()).toContain('Reply STOP to stop them');
    const chatter = await text('thanks, see you tomorrow', b.number);
    expect(await chatter.text()).toBe('<?xml version="1.0" encoding="UTF-8"?><Response></Response>');
    const rows = await eventRows(t, 'twilio');
    expect(rows.filter((r) => r.status === 'ignored')).toHaveLength(2);
  });

  it('START does not undo a listing the business made itself', async () => {
    await t.db.query(`INSERT INTO dnc_entries (business_id, phone_e164, source, reason, created_by_kind) VALUES ($1, $2, 'business', 'asked on the phone', 'system')`, [b.id, LEAD]);
    await text('START', b.number);
    expect(await dnc()).toEqual([{ business_id: b.id, phone_e164: LEAD, source: 'business', removed: false }]);
  });

  it('a STOP to our own verification number (or any number no business owns) goes on Beaker-wide list', async () => {
    const res = await text('STOP', '+15005550006');
    expect(await res.text()).toContain('unsubscribed from Beaker');
    expect(await dnc()).toEqual([{ business_id: null, phone_e164: LEAD, source: 'sms_stop', removed: false }]);
  });

  it("refuses a text without Twilio's signature, and a redelivery is not processed twice", async () => {
    const sid = `SM${randomUUID().replace(/-/g, '')}`;
    const params = { SmsSid: sid, MessageSid: sid, SmsStatus: 'received', Body: 'STOP', To: b.number, From: LEAD };
    expect((await deliverTwilio(t, params, { signature: 'bm90IGEgc2lnbmF0dXJl' })).status).toBe(401);
    expect(await dnc()).toEqual([]);
    expect((await deliverTwilio(t, params)).status).toBe(200);
    expect((await deliverTwilio(t, params)).status).toBe(200);
    expect(await t.db.query(`SELECT count(*)::int AS n FROM consent_records WHERE kind = 'revocation'`)).toEqual([{ n: 1 }]);
    await eventually(() => eventRows(t, 'twilio'), (rows) => rows.length === 1 && rows[0].status === 'completed');
  });

  it('in sandbox mode a person can text our numbers: the signed webhook goes through, and the answer is texted back to them', async () => {
    const res = await t.request('/v1/sandbox/inbound-messages', { method: 'POST', json: { from: LEAD, to: b.number, body: 'Stop' } });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 200, reply: 'You are unsubscribed from Cool Air HVAC: no more calls or texts from this number. Reply START to undo.' });
    expect(await dnc()).toEqual([{ business_id: b.id, phone_e164: LEAD, source: 'sms_stop', removed: false }]);
    const outbox = await (await t.request(`/v1/sandbox/messages?to=${encodeURIComponent(LEAD)}`)).json();
    expect(outbox.items[0]).toMatchObject({ from: b.number, body: expect.stringContaining('Reply START to undo') });
  });
});
