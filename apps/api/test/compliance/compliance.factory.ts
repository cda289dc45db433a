import { randomUUID } from 'node:crypto';
import { ComplianceService } from '../../src/modules/compliance/compliance.service';
import { ConsentLedgerService } from '../../src/modules/compliance/consent-ledger.service';
import type { TestApp } from '../harness';

/** Test data for the compliance module: calls in the history, consent on file. */

export const FL_NUMBER = '+13055550123'; // Miami: America/New_York, Florida's rules
export const CA_NUMBER = '+14155550123'; // San Francisco: America/Los_Angeles

export async function seedCall(
  t: TestApp,
  options: { to: string; createdAt: Date; businessId?: string; status?: string; direction?: 'outbound_lead' | 'outbound_trial' | 'inbound' },
): Promise<string> {
  let businessId = options.businessId;
  let trialId: string | null = null;
  if (options.direction === 'outbound_trial') {
    const [user] = await t.db.query(`INSERT INTO users (email) VALUES ($1) RETURNING id`, [`prospect-${randomUUID()}@example.com`]);
    const [trial] = await t.db.query(
      `INSERT INTO trials (user_id, industry, business_name, scenario, phone_e164, expires_at) VALUES ($1, 'hvac', 'Cool Air', 'lead_intake', $2, now() + interval '2 days') RETURNING id`,
      [user.id, options.to],
    );
    trialId = trial.id;
    businessId = undefined;
  } else if (!businessId) {
    const [business] = await t.db.query(`INSERT INTO businesses (name, plan, calls_included) VALUES ('Other Co', 'starter', 100) RETURNING id`);
    businessId = business.id;
  }
  const [call] = await t.db.query(
    `INSERT INTO calls (trial_id, business_id, direction, status, to_e164, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id`,
    [trialId, trialId ? null : businessId, options.direction ?? 'outbound_lead', options.status ?? 'completed', options.to, options.createdAt],
  );
  return call.id;
}

export async function grantConsent(t: TestApp, phone: string, businessId: string | null, capturedAt?: Date): Promise<string> {
  const record = await t.app.get(ConsentLedgerService).recordConsent({
    phone,
    businessId,
    purpose: 'speed_to_lead',
    method: 'web_form',
    text: 'I agree that Cool Air HVAC may call me at this number, including with an AI voice, about my request.',
    version: 'form-v1',
    capturedAt,
    ip: '203.0.113.5',
    userAgent: 'Mozilla/5.0 (test)',
    pageUrl: 'https://coolair.example/quote',
    formId: 'quote-form',
  });
  return record.id;
}

export const compliance = (t: TestApp) => t.app.get(ComplianceService);

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows of the decision log, read loosely for assertions
export async function decisionRow(t: TestApp, id: string): Promise<Record<string, any>> {
  const [row] = await t.db.query(`SELECT * FROM compliance_decisions WHERE id = $1`, [id]);
  return row;
}
