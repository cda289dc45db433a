import nock from 'nock';
import { ProviderCircuitOpenError, TransientProviderError } from '../../src/integrations/providers.errors';
import { VapiAdapter } from '../../src/integrations/vapi/vapi.adapter';
import type { AssistantSpec } from '../../src/integrations/vapi/vapi.port';
import { BreakerHarness, liveConfig, percentile, startBreakers, timed, waitFor } from './support/breakers';

const VAPI = 'https://api.vapi.ai';
// Long enough for the open-phase assertions on a loaded machine, short enough for a test.
const RESET_MS = 2000;
const spec: AssistantSpec = {
  name: 'Drill',
  firstMessage: 'Hi.',
  systemPrompt: 'Drill.',
  voice: { provider: '11labs', voiceId: 'sarah' },
  maxDurationSeconds: 60,
  structuredDataSchema: {},
};

/**
 * Outage drill: Vapi starts failing (500s, then dropped connections); the breaker opens; calls
 * fail fast with no network; after the reset timeout one probe goes through and it recovers.
 */
describe('outage drill: Vapi goes down and comes back', () => {
  let h: BreakerHarness;
  let vapi: VapiAdapter;
  const unexpected: string[] = [];
  const onNoMatch = (req: { method?: string; path?: string }) => unexpected.push(`${req.method} ${req.path}`);

  beforeAll(async () => {
    nock.disableNetConnect();
    nock.emitter.on('no match', onNoMatch);
    h = await startBreakers({ resetTimeoutMs: RESET_MS }, undefined, { reset: true });
    vapi = new VapiAdapter(liveConfig(), h.breakers);
    vapi.requestTimeoutMs = 200;
  });
  afterAll(async () => {
    nock.emitter.removeListener('no match', onNoMatch);
    nock.cleanAll();
    nock.enableNetConnect();
    await h.close();
  });

  it('opens, fails fast without the network, half-opens after the reset timeout and recovers', async () => {
    // 5 operations × (1 attempt + 3 retries): 500s first, then connections reset.
    const outage = nock(VAPI)
      .post('/assistant')
      .times(10)
      .reply(500, { message: 'Internal Server Error', statusCode: 500 })
      .post('/assistant')
      .times(10)
      .replyWithError({ code: 'ECONNRESET', message: 'socket hang up' });
    for (let i = 0; i < 5; i++) await expect(vapi.createAssistant(spec)).rejects.toBeInstanceOf(TransientProviderError);
    outage.done();
    expect(h.breakers.localState('vapi:create_assistant')).toBe('open');

    // While open: no request leaves the process, each call is refused in under 5 ms.
    const wouldSucceed = nock(VAPI).post('/assistant').reply(201, { id: 'asst-after' });
    const runs = [];
    for (let i = 0; i < 30; i++) runs.push(await timed(() => vapi.createAssistant(spec)));
    for (const { result } of runs) {
      expect(result).toBeInstanceOf(ProviderCircuitOpenError);
      expect(result).toMatchObject({ code: 'PROVIDERS.UNAVAILABLE', status: 503 });
    }
    // Typically well under 1 ms each (median wall time; CPU time, which a loaded machine cannot inflate).
    expect(percentile(runs.map((r) => r.wallMs), 50)).toBeLessThan(5);
    expect(percentile(runs.map((r) => r.cpuMs), 95)).toBeLessThan(5);
    expect(wouldSucceed.isDone()).toBe(false);
    expect(unexpected).toEqual([]);
    const open = (await h.breakers.snapshot()).find((b) => b.name === 'vapi:create_assistant');
    expect(open).toMatchObject({ state: 'open', failures: 5, opens: 1 });

    // After the reset timeout: half-open, one probe, Vapi answers, closed again.
    await waitFor(() => h.breakers.localState('vapi:create_assistant') === 'half_open', RESET_MS + 3000);
    expect(Date.now() - Date.parse(open!.openedAt!)).toBeGreaterThanOrEqual(RESET_MS);
    await expect(vapi.createAssistant(spec)).resolves.toEqual({ id: 'asst-after' });
    expect(wouldSucceed.isDone()).toBe(true);
    expect(h.breakers.localState('vapi:create_assistant')).toBe('closed');
    nock(VAPI).post('/assistant').reply(201, { id: 'asst-again' });
    await expect(vapi.createAssistant(spec)).resolves.toEqual({ id: 'asst-again' });
    expect((await h.breakers.snapshot()).find((b) => b.name === 'vapi:create_assistant')).toMatchObject({ state: 'closed', opens: 1, closes: 1 });
  });

  it('reads fail as unavailable while Vapi is down (never "unknown call"), fast once the breaker is open', async () => {
    nock(VAPI).get('/call/c-1').times(20).reply(503, 'Service Unavailable');
    for (let i = 0; i < 5; i++) await expect(vapi.getCall('c-1')).rejects.toBeInstanceOf(TransientProviderError);
    expect(h.breakers.localState('vapi:get_call')).toBe('open');
    const runs = [];
    for (let i = 0; i < 20; i++) runs.push(await timed(() => vapi.getCall('c-1')));
    for (const { result } of runs) expect(result).toBeInstanceOf(ProviderCircuitOpenError);
    expect(percentile(runs.map((r) => r.wallMs), 50)).toBeLessThan(5);
    // The other operations are separate breakers: placing a call is not blocked by reads failing.
    expect(h.breakers.localState('vapi:place_call')).toBe('closed');
  });
});
