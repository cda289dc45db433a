import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import path from 'node:path';
import { PermanentProviderError, ProviderCircuitOpenError, TransientProviderError } from '../../src/integrations/providers.errors';
import { BreakerHarness, RecordingTiming, percentile, startBreakers, timed, waitFor } from './support/breakers';

const NAME = 'vapi:create_assistant' as const;
const transient = (extra: Partial<ConstructorParameters<typeof TransientProviderError>[0]> = {}) =>
  new TransientProviderError({ provider: 'vapi', operation: NAME, providerStatus: 503, providerMessage: 'Service Unavailable', ...extra });
const permanent = (status = 400) => new PermanentProviderError({ provider: 'vapi', operation: NAME, providerStatus: status, providerMessage: 'bad request' });

/** An operation that fails the way it is told, counting its calls ("requests to the provider"). */
function provider(behaviour: () => unknown) {
  const op = { calls: 0, run: async () => {
    op.calls += 1;
    const outcome = behaviour();
    if (outcome instanceof Error) throw outcome;
    return outcome;
  } };
  return op;
}

async function failTimes(h: BreakerHarness, times: number, op = provider(() => transient())): Promise<void> {
  for (let i = 0; i < times; i++) await expect(h.breakers.run(NAME, op.run)).rejects.toBeInstanceOf(TransientProviderError);
}

describe('provider circuit breakers (real Redis)', () => {
  let h: BreakerHarness;
  const others: BreakerHarness[] = [];

  beforeEach(async () => {
    // Forget the previous test's breakers before this instance reads the shared state.
    h = await startBreakers({ resetTimeoutMs: 400 }, new RecordingTiming(), { reset: true });
  });
  afterEach(async () => {
    await Promise.all([h, ...others.splice(0)].map((x) => x.close()));
  });

  it('retries a transient failure 3 times, 1 s, 2 s, 4 s apart, and then counts one failure', async () => {
    const op = provider(() => transient());
    await expect(h.breakers.run(NAME, op.run)).rejects.toBeInstanceOf(TransientProviderError);
    expect(op.calls).toBe(4);
    expect(h.timing.sleeps).toEqual([1000, 2000, 4000]);
    const [snapshot] = (await h.breakers.snapshot()).filter((b) => b.name === NAME);
    expect(snapshot).toMatchObject({ state: 'closed', failures: 1, lastError: 'HTTP 503 Service Unavailable' });
    expect(snapshot.lastFailureAt).not.toBeNull();
  });

  it('jitters the waits, honours Retry-After, and succeeds without counting when a retry works', async () => {
    const jittered = await startBreakers({}, new RecordingTiming(0));
    others.push(jittered);
    let n = 0;
    const op = provider(() => (++n === 1 ? transient({ providerStatus: 429, retryAfterMs: 3000 }) : n < 4 ? transient() : 'ok'));
    await expect(jittered.breakers.run(NAME, op.run)).resolves.toBe('ok');
    // 429 asked for 3 s (more than 0.8 s); then 2 s and 4 s less 20 %.
    expect(jittered.timing.sleeps).toEqual([3000, 1600, 3200]);
    expect((await jittered.breakers.snapshot()).find((b) => b.name === NAME)?.failures).toBe(0);
  });

  it('never retries a 4xx, and a 4xx does not count against the breaker', async () => {
    const rejected = provider(() => permanent(409));
    for (let i = 0; i < 7; i++) await expect(h.breakers.run(NAME, rejected.run)).rejects.toBeInstanceOf(PermanentProviderError);
    expect(rejected.calls).toBe(7);
    expect(h.timing.sleeps).toEqual([]);
    expect(h.breakers.localState(NAME)).toBe('closed');
    expect((await h.breakers.snapshot()).find((b) => b.name === NAME)?.failures).toBe(0);
  });

  it('does not retry a non-idempotent create after a timeout, but does after a 429', async () => {
    const timedOut = provider(() => transient({ providerStatus: undefined, providerCode: 'ETIMEDOUT' }));
    await expect(h.breakers.run(NAME, timedOut.run, { retry: 'unsent-only' })).rejects.toBeInstanceOf(TransientProviderError);
    expect(timedOut.calls).toBe(1);
    let n = 0;
    const limited = provider(() => (++n === 1 ? transient({ providerStatus: 429, notSent: true }) : 'placed'));
    await expect(h.breakers.run(NAME, limited.run, { retry: 'unsent-only' })).resolves.toBe('placed');
    expect(limited.calls).toBe(2);
  });

  it('opens after 5 failures in the window, then fails fast (< 5 ms) without calling the provider', async () => {
    const op = provider(() => transient());
    await failTimes(h, 4, op);
    expect(h.breakers.localState(NAME)).toBe('closed');
    await failTimes(h, 1, op);
    expect(h.breakers.localState(NAME)).toBe('open');
    const callsWhenOpened = op.calls;

    const runs = [];
    for (let i = 0; i < 20; i++) runs.push(await timed(() => h.breakers.run(NAME, op.run)));
    for (const { result } of runs) {
      expect(result).toBeInstanceOf(ProviderCircuitOpenError);
      expect((result as ProviderCircuitOpenError).code).toBe('PROVIDERS.UNAVAILABLE');
      expect((result as ProviderCircuitOpenError).status).toBe(503);
    }
    expect(percentile(runs.map((r) => r.wallMs), 50)).toBeLessThan(5);
    expect(percentile(runs.map((r) => r.cpuMs), 95)).toBeLessThan(5);
    expect(op.calls).toBe(callsWhenOpened);
    const snapshot = (await h.breakers.snapshot()).find((b) => b.name === NAME)!;
    expect(snapshot).toMatchObject({ state: 'open', failures: 5, opens: 1, closes: 0 });
    expect(Date.parse(snapshot.openedAt!)).toBeLessThanOrEqual(Date.now());
    expect(h.breakers.metrics()).toContain(`provider_breaker_transitions_total{breaker="${NAME}",to="open"} 1`);
  });

  it('answers the declared fallback while open, instead of failing', async () => {
    await failTimes(h, 5);
    const op = provider(() => ({ id: 'call' }));
    await expect(h.breakers.run(NAME, op.run, { fallback: () => null })).resolves.toBeNull();
    expect(op.calls).toBe(0);
  });

  it('half-opens after the reset timeout, lets one probe through, and closes on its success', async () => {
    await failTimes(h, 5);
    await waitFor(() => h.breakers.localState(NAME) === 'half_open', 3000);
    expect(h.breakers.localState(NAME)).toBe('half_open');
    expect((await h.breakers.snapshot()).find((b) => b.name === NAME)?.state).toBe('half_open');
    const healthy = provider(() => 'ok');
    await expect(h.breakers.run(NAME, healthy.run)).resolves.toBe('ok');
    expect(healthy.calls).toBe(1);
    expect(h.breakers.localState(NAME)).toBe('closed');
    expect((await h.breakers.snapshot()).find((b) => b.name === NAME)).toMatchObject({ state: 'closed', failures: 0, opens: 1, closes: 1, openedAt: null });
  });

  it('re-opens when the half-open probe fails, for another reset period', async () => {
    await failTimes(h, 5);
    await waitFor(() => h.breakers.localState(NAME) === 'half_open', 3000);
    const still = provider(() => transient());
    await expect(h.breakers.run(NAME, still.run)).rejects.toBeInstanceOf(TransientProviderError);
    // The probe is a single attempt: a recovering provider is not hammered with retries.
    expect(still.calls).toBe(1);
    expect(h.breakers.localState(NAME)).toBe('open');
    await expect(h.breakers.run(NAME, still.run)).rejects.toBeInstanceOf(ProviderCircuitOpenError);
    expect(still.calls).toBe(1);
    expect((await h.breakers.snapshot()).find((b) => b.name === NAME)?.opens).toBe(2);
  });

  it('a breaker opened by one instance is open in another (own Redis connections) within 1 s, and closes there too', async () => {
    const other = await startBreakers({ resetTimeoutMs: 400 });
    others.push(other);
    const op = provider(() => 'ok');
    await expect(other.breakers.run(NAME, op.run)).resolves.toBe('ok');
    await failTimes(h, 5);
    const seenAfterMs = await waitFor(() => other.breakers.localState(NAME) === 'open', 1000, 5);
    expect(seenAfterMs).toBeLessThan(1000);
    await expect(other.breakers.run(NAME, op.run)).rejects.toBeInstanceOf(ProviderCircuitOpenError);
    expect(op.calls).toBe(1);

    // One probe for the fleet: the first instance to half-open probes; the other learns it closed.
    await waitFor(() => h.breakers.localState(NAME) === 'half_open', 3000);
    await expect(h.breakers.run(NAME, provider(() => 'ok').run)).resolves.toBe('ok');
    await waitFor(() => other.breakers.localState(NAME) === 'closed', 1000, 5);
    await expect(other.breakers.run(NAME, op.run)).resolves.toBe('ok');
  });

  it('a breaker opened here is seen open by a second Node process within 1 s, which then fails fast', async () => {
    const child = spawn(process.execPath, [path.join(__dirname, 'support/breaker-process.js'), NAME], {
      env: { ...process.env, LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const lines = createInterface({ input: child.stdout });
    const messages: Record<string, unknown>[] = [];
    lines.on('line', (line) => line.startsWith('{') && messages.push(JSON.parse(line) as Record<string, unknown>));
    try {
      await waitFor(() => messages.some((m) => m.ready), 15_000).catch(() => {
        throw new Error(`the second process did not start: ${stderr}`);
      });
      await failTimes(h, 5);
      const openedAt = Date.now();
      await waitFor(() => messages.some((m) => 'seenOpenAt' in m), 3000);
      const report = messages.find((m) => 'seenOpenAt' in m)!;
      expect(report.seenOpenAt as number).toBeLessThan(openedAt + 1000);
      expect(report).toMatchObject({ called: false, error: 'PROVIDERS.UNAVAILABLE' });
      // Of 20 refused calls in that process: median wall time, 95th percentile of CPU time.
      expect(report.failFastMs as number).toBeLessThan(5);
      expect(report.failFastCpuMs as number).toBeLessThan(5);
    } finally {
      child.kill();
    }
  }, 30_000);
});
