import nock from 'nock';
import { PermanentProviderError, ProviderCircuitOpenError, TransientProviderError } from '../../src/integrations/providers.errors';
import { VapiAdapter } from '../../src/integrations/vapi/vapi.adapter';
import type { AssistantSpec } from '../../src/integrations/vapi/vapi.port';
import { BreakerHarness, liveConfig, startBreakers } from './support/breakers';

const VAPI = 'https://api.vapi.ai';
const CALL_ID = '3f9a1c2e-5b6d-4e7f-8a9b-0c1d2e3f4a5b';
const OUR_CALL_ID = '9b8a7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';

const spec: AssistantSpec = {
  name: 'Cool Air HVAC assistant',
  firstMessage: 'Hi, this is the Cool Air HVAC assistant, an AI.',
  systemPrompt: 'You answer calls for Cool Air HVAC.',
  voice: { provider: '11labs', voiceId: 'sarah' },
  maxDurationSeconds: 300,
  structuredDataSchema: { type: 'object', properties: { name: { type: 'string' } } },
  recordingDisclosure: true,
  serverUrl: 'https://beaker.example/webhooks/vapi',
  metadata: { industry: 'hvac', scenario: 'lead_intake', businessName: 'Cool Air HVAC' },
};

/** Vapi's Call, as GET /call/:id documents it (an ended outbound call with its artifacts). */
const endedCall = {
  id: CALL_ID,
  orgId: 'f1e2d3c4-b5a6-4978-8695-a4b3c2d1e0f9',
  type: 'outboundPhoneCall',
  status: 'ended',
  endedReason: 'customer-ended-call',
  createdAt: '2026-11-27T10:00:00.000Z',
  updatedAt: '2026-11-27T10:01:10.000Z',
  startedAt: '2026-11-27T10:00:04.000Z',
  endedAt: '2026-11-27T10:01:04.000Z',
  assistantId: 'asst-1',
  phoneNumberId: 'pn-trial-line',
  customer: { number: '+14155550123' },
  assistantOverrides: { metadata: { callId: OUR_CALL_ID } },
  cost: 0.0912,
  costs: [
    { type: 'transport', provider: 'twilio', minutes: 1, cost: 0.014 },
    { type: 'transcriber', transcriber: { provider: 'deepgram' }, minutes: 1, cost: 0.01 },
    { type: 'model', model: { provider: 'openai', model: 'gpt-4o-mini' }, promptTokens: 2000, completionTokens: 150, cost: 0.0004 },
    { type: 'voice', voice: { provider: '11labs', voiceId: 'sarah' }, characters: 400, cost: 0.0168 },
    { type: 'vapi', subType: 'normal', minutes: 1, cost: 0.05 },
  ],
  artifact: {
    transcript: 'AI: Hi, this is the Cool Air HVAC assistant.\nUser: My AC is broken.',
    recordingUrl: 'https://storage.vapi.ai/recordings/abc.wav',
    messages: [
      { role: 'system', message: 'You answer calls for Cool Air HVAC.', time: 1, secondsFromStart: 0 },
      { role: 'bot', message: 'Hi, this is the Cool Air HVAC assistant.', time: 2, endTime: 3, secondsFromStart: 0.5 },
      { role: 'user', message: 'My AC is broken.', time: 4, endTime: 5, secondsFromStart: 3.2 },
    ],
  },
  analysis: {
    summary: 'The caller reported a broken AC.',
    structuredData: { name: 'Jordan Lee', phone: '+14155550123', intent: 'AC repair', urgency: 'high' },
    successEvaluation: 'true',
  },
};

describe('Vapi adapter (live REST, nock)', () => {
  let h: BreakerHarness;
  let vapi: VapiAdapter;

  beforeAll(() => nock.disableNetConnect());
  afterAll(() => nock.enableNetConnect());
  beforeEach(async () => {
    h = await startBreakers({}, undefined, { reset: true });
    vapi = new VapiAdapter(liveConfig(), h.breakers);
    vapi.requestTimeoutMs = 200;
  });
  afterEach(async () => {
    nock.cleanAll();
    await h.close();
  });

  it('creates an assistant: POST /assistant with the bearer key and the documented body', async () => {
    let body: Record<string, unknown> = {};
    const scope = nock(VAPI, { reqheaders: { authorization: 'Bearer vapi_test_key', 'content-type': 'application/json' } })
      .post('/assistant', (b) => ((body = b), true))
      .reply(201, { id: 'asst-1', orgId: 'org-1', name: spec.name, createdAt: '2026-11-27T10:00:00Z', updatedAt: '2026-11-27T10:00:00Z' });
    await expect(vapi.createAssistant(spec)).resolves.toEqual({ id: 'asst-1' });
    scope.done();
    expect(body).toMatchObject({
      name: spec.name,
      firstMessage: `${spec.firstMessage} This call may be recorded for quality and training.`,
      model: { provider: 'openai', messages: [{ role: 'system', content: spec.systemPrompt }] },
      voice: { provider: '11labs', voiceId: 'sarah' },
      maxDurationSeconds: 300,
      analysisPlan: { structuredDataPlan: { enabled: true, schema: spec.structuredDataSchema }, summaryPlan: { enabled: true } },
      server: { url: spec.serverUrl },
      metadata: spec.metadata,
    });
  });

  it('updates with PATCH /assistant/:id and deletes with DELETE (already gone is fine)', async () => {
    const scope = nock(VAPI)
      .patch('/assistant/asst-1', { maxDurationSeconds: 120 })
      .reply(200, { id: 'asst-1' })
      .delete('/assistant/asst-1')
      .reply(200, { id: 'asst-1' })
      .delete('/assistant/asst-gone')
      .reply(404, { message: 'Not Found', statusCode: 404 });
    await vapi.updateAssistant('asst-1', { maxDurationSeconds: 120 });
    await vapi.deleteAssistant('asst-1');
    await vapi.deleteAssistant('asst-gone');
    scope.done();
  });

  it('places a call: POST /call with our call id in assistantOverrides.metadata', async () => {
    let body: Record<string, unknown> = {};
    const scope = nock(VAPI)
      .post('/call', (b) => ((body = b), true))
      .reply(201, { ...endedCall, status: 'queued', endedReason: undefined, artifact: undefined, analysis: undefined, costs: undefined });
    await expect(
      vapi.placeCall({ assistantId: 'asst-1', to: '+14155550123', metadata: { callId: OUR_CALL_ID }, assistantOverrides: { variableValues: { customerName: 'Jordan' } } }),
    ).resolves.toEqual({ id: CALL_ID, status: 'queued' });
    scope.done();
    expect(body).toEqual({
      assistantId: 'asst-1',
      customer: { number: '+14155550123' },
      phoneNumberId: 'pn-trial-line',
      assistantOverrides: { metadata: { callId: OUR_CALL_ID }, variableValues: { customerName: 'Jordan' } },
    });
  });

  it('gets a call and maps Vapi\'s Call to ours (status, transcript, recording, lead, costs)', async () => {
    nock(VAPI).get(`/call/${CALL_ID}`).reply(200, endedCall);
    const call = await vapi.getCall(CALL_ID);
    expect(call).toMatchObject({
      id: CALL_ID,
      status: 'ended',
      endedReason: 'customer-ended-call',
      startedAt: new Date('2026-11-27T10:00:04.000Z'),
      endedAt: new Date('2026-11-27T10:01:04.000Z'),
      recordingUrl: 'https://storage.vapi.ai/recordings/abc.wav',
      summary: 'The caller reported a broken AC.',
      lead: { name: 'Jordan Lee', phone: '+14155550123', intent: 'AC repair', urgency: 'high' },
      costs: { twilio: 0.014, stt: 0.01, llm: 0.0004, tts: 0.0168, vapi: 0.05 },
      costTotal: 0.0912,
      metadata: { callId: OUR_CALL_ID },
    });
    expect(call!.transcript).toEqual([
      { speaker: 'assistant', text: 'Hi, this is the Cool Air HVAC assistant.', at: 0.5 },
      { speaker: 'caller', text: 'My AC is broken.', at: 3.2 },
    ]);
  });

  it('imports a Twilio number: POST /phone-number with no assistant, our server URL', async () => {
    let body: Record<string, unknown> = {};
    nock(VAPI).post('/phone-number', (b) => ((body = b), true)).reply(201, { id: 'pn-1', provider: 'twilio', number: '+14155550150' });
    await expect(vapi.importPhoneNumber({ e164: '+14155550150', serverUrl: 'https://beaker.example/webhooks/vapi', name: 'Cool Air' })).resolves.toEqual({ id: 'pn-1' });
    expect(body).toEqual({
      provider: 'twilio',
      number: '+14155550150',
      twilioAccountSid: 'AC0123456789abcdef0123456789abcdef',
      twilioAuthToken: 'twilio_test_token',
      server: { url: 'https://beaker.example/webhooks/vapi' },
      name: 'Cool Air',
    });
  });

  it('401 and 409 are permanent: not retried, not counted', async () => {
    const scope = nock(VAPI)
      .post('/assistant')
      .reply(401, { message: 'Invalid Key. Hot tip, you may be using the private key instead of the public key, or vice versa.', error: 'Unauthorized', statusCode: 401 })
      .post('/phone-number')
      .reply(409, { message: 'Number already exists', error: 'Conflict', statusCode: 409 });
    const unauthorized = await vapi.createAssistant(spec).catch((e: unknown) => e);
    expect(unauthorized).toBeInstanceOf(PermanentProviderError);
    expect(unauthorized).toMatchObject({ providerStatus: 401, code: 'PROVIDERS.REJECTED', providerMessage: expect.stringContaining('Invalid Key') });
    await expect(vapi.importPhoneNumber({ e164: '+14155550150', serverUrl: 'https://x' })).rejects.toMatchObject({ providerStatus: 409, transient: false });
    scope.done();
    expect(h.timing.sleeps).toEqual([]);
    expect((await h.breakers.snapshot()).filter((b) => b.failures > 0)).toEqual([]);
  });

  it('a 404 on GET /call/:id is null', async () => {
    nock(VAPI).get(`/call/${CALL_ID}`).reply(404, { message: 'Not Found', statusCode: 404 });
    await expect(vapi.getCall(CALL_ID)).resolves.toBeNull();
  });

  it('429 with Retry-After: waits what it says, then succeeds', async () => {
    const scope = nock(VAPI)
      .post('/assistant')
      .reply(429, { message: 'Too Many Requests' }, { 'Retry-After': '3' })
      .post('/assistant')
      .reply(201, { id: 'asst-2' });
    await expect(vapi.createAssistant(spec)).resolves.toEqual({ id: 'asst-2' });
    scope.done();
    expect(h.timing.sleeps).toEqual([3000]);
  });

  it('500s are retried 3 times (1 s, 2 s, 4 s), then fail as unavailable and count once', async () => {
    const scope = nock(VAPI).post('/assistant').times(4).reply(500, { message: 'Internal Server Error', statusCode: 500 });
    const error = await vapi.createAssistant(spec).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientProviderError);
    expect(error).toMatchObject({ code: 'PROVIDERS.UNAVAILABLE', status: 503, providerStatus: 500 });
    scope.done();
    expect(h.timing.sleeps).toEqual([1000, 2000, 4000]);
    expect((await h.breakers.snapshot()).find((b) => b.name === 'vapi:create_assistant')).toMatchObject({ failures: 1, lastError: 'HTTP 500 Internal Server Error' });
  });

  it('a read Vapi cannot answer is an error after its retries, not "unknown call" (null would close the call)', async () => {
    const scope = nock(VAPI).get(`/call/${CALL_ID}`).times(4).reply(502, 'Bad Gateway');
    await expect(vapi.getCall(CALL_ID)).rejects.toMatchObject({ code: 'PROVIDERS.UNAVAILABLE', transient: true, providerStatus: 502 });
    scope.done();
  });

  it('a timeout is transient and retried for reads; placing a call after a timeout is not retried (it may have rung)', async () => {
    const reads = nock(VAPI).get(`/call/${CALL_ID}`).delay(500).reply(200, endedCall).get(`/call/${CALL_ID}`).reply(200, endedCall);
    await expect(vapi.getCall(CALL_ID)).resolves.toMatchObject({ id: CALL_ID });
    reads.done();
    expect(h.timing.sleeps).toEqual([1000]);

    const call = nock(VAPI).post('/call').delay(500).reply(201, { id: CALL_ID, status: 'queued' });
    const error = await vapi.placeCall({ assistantId: 'asst-1', to: '+14155550123', metadata: { callId: OUR_CALL_ID } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TransientProviderError);
    expect(error).toMatchObject({ providerCode: 'ETIMEDOUT', notSent: false });
    expect(call.isDone()).toBe(true);
    expect(h.timing.sleeps).toEqual([1000]);
  });

  it('a refused connection is retried even for placing a call (nothing was sent)', async () => {
    const scope = nock(VAPI)
      .post('/call')
      .replyWithError({ code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' })
      .post('/call')
      .reply(201, { id: CALL_ID, status: 'queued' });
    await expect(vapi.placeCall({ assistantId: 'asst-1', to: '+14155550123', metadata: { callId: OUR_CALL_ID } })).resolves.toEqual({ id: CALL_ID, status: 'queued' });
    scope.done();
  });

  it('five failed operations open vapi:create_assistant; the sixth fails fast with no request', async () => {
    const scope = nock(VAPI).post('/assistant').times(20).reply(503, 'Service Unavailable');
    for (let i = 0; i < 5; i++) await expect(vapi.createAssistant(spec)).rejects.toBeInstanceOf(TransientProviderError);
    scope.done();
    const extra = nock(VAPI).post('/assistant').reply(201, { id: 'never' });
    await expect(vapi.createAssistant(spec)).rejects.toBeInstanceOf(ProviderCircuitOpenError);
    expect(extra.isDone()).toBe(false);
  });
});
