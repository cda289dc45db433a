import type { Industry, Scenario, TrialResponse } from '@beaker/contracts';
import type { TestApp, TestResponse } from '../harness';
import type { SignedInClient } from './auth.factory';

const AREA_CODES = ['415', '212', '312', '617', '206', '303', '512', '646', '305', '702'];
let sequence = 0;

/**
 * A fictional North American number (NPA-555-01XX, no real phone rings) not used before in this
 * process: the phone limit (2 trials per number) would otherwise couple tests.
 */
export function freshPhone(): string {
  const n = sequence++;
  const area = AREA_CODES[n % AREA_CODES.length];
  const line = String(100 + (Math.floor(n / AREA_CODES.length) % 100)).padStart(4, '0');
  return `+1${area}555${line}`;
}

export interface TrialInput {
  industry?: Industry;
  businessName?: string;
  scenario?: Scenario;
  phone?: string;
}

export function createTrialRequest(client: SignedInClient, input: TrialInput = {}, headers: Record<string, string> = {}): Promise<TestResponse> {
  return client.request('/v1/trials', {
    method: 'POST',
    headers,
    json: { industry: input.industry ?? 'hvac', businessName: input.businessName ?? 'Northside Heating & Air', scenario: input.scenario ?? 'lead_intake', phone: input.phone ?? freshPhone() },
  });
}

export async function createTrial(client: SignedInClient, input: TrialInput = {}): Promise<TrialResponse> {
  const res = await createTrialRequest(client, input);
  if (res.status !== 201) throw new Error(`POST /v1/trials answered ${res.status}: ${await res.text()}`);
  return res.json();
}

/** The newest code texted to a number, read from the sandbox SMS outbox. */
export async function latestCode(t: TestApp, phone: string): Promise<string> {
  const res = await t.request(`/v1/sandbox/messages?to=${encodeURIComponent(phone)}`);
  const [latest] = (await res.json()).items as { body: string }[];
  const match = latest && /\b(\d{6})\b/.exec(latest.body);
  if (!match) throw new Error(`no code texted to ${phone}`);
  return match[1];
}

export function sendCode(client: SignedInClient, trialId: string): Promise<TestResponse> {
  return client.request(`/v1/trials/${trialId}/verification`, { method: 'POST' });
}

export function confirmCode(client: SignedInClient, trialId: string, code: string): Promise<TestResponse> {
  return client.request(`/v1/trials/${trialId}/verification/confirm`, { method: 'POST', json: { code } });
}

/** A trial through the real flow: created, code texted, code confirmed (so the agent exists). */
export async function createVerifiedTrial(t: TestApp, client: SignedInClient, input: TrialInput = {}): Promise<TrialResponse> {
  const trial = await createTrial(client, input);
  const sent = await sendCode(client, trial.id);
  if (sent.status !== 202) throw new Error(`verification answered ${sent.status}: ${await sent.text()}`);
  const confirmed = await confirmCode(client, trial.id, await latestCode(t, trial.phone));
  if (confirmed.status !== 200) throw new Error(`confirm answered ${confirmed.status}: ${await confirmed.text()}`);
  return confirmed.json();
}

export function callMe(client: SignedInClient, trialId: string): Promise<TestResponse> {
  return client.request(`/v1/trials/${trialId}/calls`, { method: 'POST' });
}
