import { createHash } from 'node:crypto';
import { resetState, startApp, TestApp } from '../harness';
import { createBusiness, signInAs } from '../factories/auth.factory';
import { ConsentLedgerService } from '../../src/modules/compliance/consent-ledger.service';
import { CA_NUMBER, compliance, grantConsent } from './compliance.factory';

/** The consent ledger: immutable evidence, revocations appended, exported for a business. */
describe('consent ledger', () => {
  let t: TestApp;
  const ledger = () => t.app.get(ConsentLedgerService);

  beforeAll(async () => {
    t = await startApp({ clockAt: new Date('2026-03-10T17:00:00Z') });
  });
  afterAll(async () => t.close());
  beforeEach(async () => {
    t.clock!.set(new Date('2026-03-10T17:00:00Z'));
    await resetState(t);
  });

  it('the database refuses to update or delete consent records, even through a direct SQL session', async () => {
    const businessId = await createBusiness(t);
    const id = await grantConsent(t, CA_NUMBER, businessId);
    await expect(t.db.query(`UPDATE consent_records SET consent_text = 'something else' WHERE id = $1`, [id])).rejects.toThrow(/append-only: UPDATE refused/);
    await expect(t.db.query(`DELETE FROM consent_records WHERE id = $1`, [id])).rejects.toThrow(/append-only: DELETE refused/);
    // Refused even when nothing matches: a statement-level guard.
    await expect(t.db.query(`DELETE FROM consent_records WHERE false`)).rejects.toThrow(/append-only/);
    const [row] = await t.db.query(`SELECT consent_text FROM consent_records WHERE id = $1`, [id]);
    expect(row.consent_text).toMatch(/^I agree that Cool Air HVAC may call me/);
  });

  it('keeps the SHA-256 of exactly the text shown, and the database rejects a hash that does not match', async () => {
    const businessId = await createBusiness(t);
    const id = await grantConsent(t, CA_NUMBER, businessId);
    const [row] = await t.db.query(`SELECT consent_text, consent_text_hash, host(ip) AS ip FROM consent_records WHERE id = $1`, [id]);
    expect(row.consent_text_hash).toBe(createHash('sha256').update(row.consent_text, 'utf8').digest('hex'));
    expect(row.ip).toBe('203.0.113.5');
    await expect(
      t.db.query(
        `INSERT INTO consent_records (phone_e164, business_id, kind, method, purpose, consent_text, consent_text_hash, captured_at) VALUES ($1, $2, 'grant', 'api', 'speed_to_lead', 'text', 'deadbeef', now())`,
        [CA_NUMBER, businessId],
      ),
    ).rejects.toThrow(/consent_records_text_hash/);
  });

  it('appends revocations: the newest record decides, and a revoked number is blocked for every purpose', async () => {
    const businessId = await createBusiness(t);
    await grantConsent(t, CA_NUMBER, businessId, new Date('2026-03-01T12:00:00Z'));
    expect(await ledger().consentStatus(businessId, CA_NUMBER)).toMatchObject({ present: true, revoked: false });

    await ledger().revokeConsent({ phone: CA_NUMBER, businessId, method: 'business', statement: 'Called the office to say stop' });
    expect(await ledger().consentStatus(businessId, CA_NUMBER)).toMatchObject({ present: false, revoked: true });
    const check = await compliance(t).checkBeforeCall({ to: CA_NUMBER, purpose: 'inbound_callback', businessId });
    expect(check.decision).toBe('block');
    expect(check.reasons.map((r) => r.rule)).toEqual(['consent.revoked']);

    // A grant captured before the revocation (an integrator sending old evidence late) changes nothing…
    await grantConsent(t, CA_NUMBER, businessId, new Date('2026-03-10T16:00:00Z'));
    expect(await ledger().consentStatus(businessId, CA_NUMBER)).toMatchObject({ present: false, revoked: true });
    // …a newer one (the person filled in the form again) outranks it; the history stays.
    t.clock!.advance(3600_000);
    await grantConsent(t, CA_NUMBER, businessId);
    expect(await ledger().consentStatus(businessId, CA_NUMBER)).toMatchObject({ present: true, revoked: false });
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM consent_records`);
    expect(count).toBe(4);
  });

  it('records a trial "Call me" click as a verbal_trial grant and allows the demo call', async () => {
    const check = await compliance(t).checkBeforeCall({
      to: CA_NUMBER,
      purpose: 'trial_demo',
      consent: { method: 'verbal_trial', text: 'Call me now with the AI demo agent.', ip: '198.51.100.7', userAgent: 'Mozilla/5.0' },
    });
    expect(check.decision).toBe('allow');
    expect(check.recordingDisclosure).toBe(true); // California: all-party consent
    const [record] = await t.db.query(`SELECT kind, method, purpose, business_id FROM consent_records`);
    expect(record).toEqual({ kind: 'grant', method: 'verbal_trial', purpose: 'trial_demo', business_id: null });
    const [decision] = await t.db.query(`SELECT input_summary FROM compliance_decisions WHERE id = $1`, [check.decisionId]);
    expect(decision.input_summary.consent.present).toBe(true);
  });

  it('exports the evidence of a number to members, as JSON and CSV, and not to others', async () => {
    const owner = await signInAs(t, 'owner@coolair.example');
    const businessId = await createBusiness(t, { ownerId: owner.userId });
    await grantConsent(t, CA_NUMBER, businessId);
    await grantConsent(t, '+12125550123', businessId);
    await ledger().revokeConsent({ phone: CA_NUMBER, businessId, method: 'sms_stop', statement: 'STOP' });

    const res = await owner.request(`/v1/businesses/${businessId}/consents?phone=${encodeURIComponent(CA_NUMBER)}`);
    expect(res.status).toBe(200);
    const page = await res.json();
    expect(page.items.map((r: { kind: string }) => r.kind).sort()).toEqual(['grant', 'revocation']);
    expect(page.items.find((r: { kind: string }) => r.kind === 'grant')).toMatchObject({
      phone: CA_NUMBER,
      method: 'web_form',
      consentVersion: 'form-v1',
      ip: '203.0.113.5',
      pageUrl: 'https://coolair.example/quote',
      formId: 'quote-form',
    });

    const csv = await owner.request(`/v1/businesses/${businessId}/consents?format=csv&limit=1`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('x-next-cursor')).toBeTruthy();
    const lines = (await csv.text()).trim().split('\r\n');
    expect(lines[0]).toMatch(/^id,phone,kind,method,purpose,capturedAt/);
    expect(lines).toHaveLength(2);

    const stranger = await signInAs(t, 'stranger@example.com');
    expect((await stranger.request(`/v1/businesses/${businessId}/consents`)).status).toBe(404);
  });
});
