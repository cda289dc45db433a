import { randomUUID } from 'node:crypto';
import type { Queue } from 'bullmq';
import { PLAN_CATALOG, type LeadForm, type Plan } from '@beaker/contracts';
import { JobName } from '../../src/common/queue/jobs';
import { JobsService } from '../../src/common/queue/jobs.service';
import { VoiceAgentPort } from '../../src/integrations/vapi/vapi.port';
import { ApiKeysService } from '../../src/modules/auth/api-keys.service';
import { businessAssistantSpec, businessPersonaFromTrial } from '../../src/modules/businesses/assistant/business-persona';
import { addMember, signInAs, type SignedInClient } from '../factories/auth.factory';
import type { TestApp, TestResponse } from '../harness';
import { eventually } from '../webhooks/webhook-deliveries';

export const SITE = 'https://www.coolair.example';

export interface LiveBusiness {
  id: string;
  number: string;
  owner: SignedInClient;
  /** An API key of the business (Authorization: Bearer …). */
  key: string;
}

let lineSeq = 0;

/** A business as going live leaves it (its assistant, an active number imported into Vapi), with an owner and an API key. */
export async function liveBusiness(t: TestApp, options: { plan?: Plan; used?: number; name?: string } = {}): Promise<LiveBusiness> {
  const plan = options.plan ?? 'starter';
  const name = options.name ?? 'Cool Air HVAC';
  const persona = businessPersonaFromTrial({ industry: 'hvac', scenario: 'lead_intake', businessName: name });
  const number = `+1415555${String(200 + (lineSeq++ % 700)).padStart(4, '0')}`;
  const [business] = await t.db.query(
    `INSERT INTO businesses (name, industry, scenario, persona, status, plan, calls_included, calls_used_this_period, provisioning_status)
     VALUES ($1, 'hvac', 'lead_intake', $2::jsonb, 'active', $3, $4, $5, 'done') RETURNING id`,
    [name, JSON.stringify(persona), plan, PLAN_CATALOG[plan].callsIncluded, options.used ?? 0],
  );
  const voice = t.app.get(VoiceAgentPort);
  const { id: assistantId } = await voice.createAssistant(businessAssistantSpec(persona, { businessId: business.id, serverUrl: `${t.baseUrl}/webhooks/vapi` }));
  const { id: vapiNumberId } = await voice.importPhoneNumber({ e164: number, serverUrl: `${t.baseUrl}/webhooks/vapi` });
  await t.db.query(`UPDATE businesses SET vapi_assistant_id = $2 WHERE id = $1`, [business.id, assistantId]);
  await t.db.query(`INSERT INTO phone_numbers (business_id, e164, twilio_sid, vapi_phone_number_id, status) VALUES ($1, $2, $3, $4, 'active')`, [
    business.id,
    number,
    `PN${randomUUID().replace(/-/g, '')}`,
    vapiNumberId,
  ]);
  const owner = await signInAs(t, `owner-${randomUUID().slice(0, 8)}@example.com`);
  await addMember(t, business.id, owner.userId, 'owner');
  const key = await t.app.get(ApiKeysService).create(business.id, 'tests', owner.userId);
  return { id: business.id, number, owner, key: key.key };
}

/** A form of the business, made through the API as its owner (allowed on SITE unless told otherwise). */
export async function createForm(t: TestApp, b: LiveBusiness, input: Record<string, unknown> = {}): Promise<LeadForm> {
  const res = await b.owner.request(`/v1/businesses/${b.id}/forms`, { method: 'POST', json: { name: 'Quote form', allowedOrigins: [SITE], ...input } });
  if (res.status !== 201) throw new Error(`form not created: ${res.status} ${await res.text()}`);
  return res.json();
}

export function submitForm(t: TestApp, formId: string, body: Record<string, unknown>, options: { origin?: string | null; ip?: string } = {}): Promise<TestResponse> {
  const origin = options.origin === undefined ? SITE : options.origin;
  return t.request(`/v1/forms/${formId}/submissions`, {
    method: 'POST',
    headers: { ...(origin ? { origin } : {}), 'user-agent': 'Mozilla/5.0 (lead test)' },
    json: { consent: true, pageUrl: `${SITE}/contact`, ...body },
  });
}

export function pushLead(t: TestApp, key: string, body: Record<string, unknown>, idempotencyKey?: string): Promise<TestResponse> {
  return t.request('/v1/leads', {
    method: 'POST',
    headers: { authorization: `Bearer ${key}`, ...(idempotencyKey ? { 'idempotency-key': idempotencyKey } : {}) },
    json: body,
  });
}

export function consentOf(t: TestApp): Record<string, string> {
  const at = (t.clock?.now() ?? new Date()).toISOString();
  return { text: 'I agree that Cool Air HVAC may call me about my request, including with an AI voice assistant.', at, ip: '203.0.113.9', url: `${SITE}/quote` };
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- rows read loosely for assertions
export async function leadRow(t: TestApp, id: string): Promise<Record<string, any>> {
  const [row] = await t.db.query(`SELECT * FROM leads WHERE id = $1`, [id]);
  return row;
}

/** Waits until the lead's status is one of these (the worker runs inline in tests). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function leadReaches(t: TestApp, id: string, statuses: string[], timeoutMs = 15_000): Promise<Record<string, any>> {
  const row = await eventually(() => leadRow(t, id), (r) => r !== undefined && statuses.includes(r.status), timeoutMs);
  if (!statuses.includes(row?.status)) throw new Error(`lead ${id} is ${row?.status} (${row?.status_reason}), not ${statuses.join('|')}`);
  return row;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function leadCalls(t: TestApp, leadId: string): Promise<Record<string, any>[]> {
  return t.db.query(
    `SELECT lc.attempt, lc.outcome, lc.placed_at, c.id AS call_id, c.status, c.direction, c.ended_reason, c.to_e164, c.vapi_call_id, c.created_at
       FROM lead_calls lc JOIN calls c ON c.id = lc.call_id WHERE lc.lead_id = $1 ORDER BY lc.attempt`,
    [leadId],
  );
}

export function leadsQueue(t: TestApp): Queue {
  return t.app.get(JobsService).queueOf(JobName.CallLead);
}

/** Runs the lead calls waiting for a later time now (the test moved the clock there): what the queue would do when their delay is over. */
export async function promoteDelayedLeadCalls(t: TestApp): Promise<number> {
  const delayed = await leadsQueue(t).getDelayed();
  const calls = delayed.filter((job) => job.name === JobName.CallLead);
  for (const job of calls) await job.promote();
  return calls.length;
}

/** Waits for the leads queue to have nothing waiting or running (delayed jobs stay). */
export async function leadsSettled(t: TestApp, timeoutMs = 15_000): Promise<void> {
  const queue = leadsQueue(t);
  await eventually(
    async () => (await queue.getJobCounts('waiting', 'active', 'prioritized')) as Record<string, number>,
    (counts) => Object.values(counts).every((n) => n === 0),
    timeoutMs,
  );
}
