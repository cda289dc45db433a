import { randomUUID } from 'node:crypto';
import { IdempotencyService } from '../../src/common/idempotency/idempotency.service';
import { resetState, startApp, TestApp } from '../harness';

/**
 * Idempotent POSTs whose work calls a provider (Stripe's checkout and portal sessions): no
 * transaction is open while the provider answers, and the key still answers once.
 */
describe('idempotency keys outside a transaction', () => {
  let t: TestApp;
  let service: IdempotencyService;
  beforeAll(async () => {
    t = await startApp();
    service = t.app.get(IdempotencyService);
  });
  afterAll(async () => t.close());
  beforeEach(async () => resetState(t));

  const openTransactions = async () =>
    Number((await t.db.query(`SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND state LIKE 'idle in transaction%'`))[0].n);

  it('holds no transaction open while the work runs, and replays its answer to the same key', async () => {
    const key = randomUUID();
    let seenOpen = -1;
    let claimVisible = false;
    const first = await service.runOutsideTransaction('user:u1', key, { body: 1 }, 201, async () => {
      // What the provider call would see: the claim is committed, and nothing waits idle in a transaction.
      seenOpen = await openTransactions();
      claimVisible = (await t.db.query(`SELECT 1 FROM idempotency_keys WHERE scope = 'user:u1' AND key = $1`, [key])).length === 1;
      return { url: 'https://checkout.example/one' };
    });
    expect(seenOpen).toBe(0);
    expect(claimVisible).toBe(true);
    expect(first).toEqual({ status: 201, body: { url: 'https://checkout.example/one' }, replayed: false });

    let ranAgain = false;
    const again = await service.runOutsideTransaction('user:u1', key, { body: 1 }, 201, async () => {
      ranAgain = true;
      return { url: 'https://checkout.example/two' };
    });
    expect(ranAgain).toBe(false);
    expect(again).toEqual({ status: 201, body: { url: 'https://checkout.example/one' }, replayed: true });
    await expect(service.runOutsideTransaction('user:u1', key, { body: 2 }, 201, async () => ({}))).rejects.toMatchObject({ code: 'IDEMPOTENCY.KEY_REUSED' });
  });

  it('makes a same-key request that arrives meanwhile wait for the first answer instead of doing the work twice', async () => {
    const key = randomUUID();
    let calls = 0;
    let release!: () => void;
    const gate = new Promise<void>((resolve) => (release = resolve));
    const work = async () => {
      calls += 1;
      await gate;
      return { url: `https://checkout.example/${calls}` };
    };
    const first = service.runOutsideTransaction('user:u2', key, { b: 1 }, 201, work);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const second = service.runOutsideTransaction('user:u2', key, { b: 1 }, 201, work);
    await new Promise((resolve) => setTimeout(resolve, 300));
    release();
    const [a, b] = await Promise.all([first, second]);
    expect(calls).toBe(1);
    expect(a.replayed).toBe(false);
    expect(b).toEqual({ status: 201, body: a.body, replayed: true });
  });

  it('frees the key when the work fails, so that a retry does it', async () => {
    const key = randomUUID();
    await expect(
      service.runOutsideTransaction('user:u3', key, { b: 1 }, 201, async () => {
        throw new Error('Stripe unavailable');
      }),
    ).rejects.toThrow('Stripe unavailable');
    const retry = await service.runOutsideTransaction('user:u3', key, { b: 1 }, 201, async () => ({ url: 'https://checkout.example/retry' }));
    expect(retry).toEqual({ status: 201, body: { url: 'https://checkout.example/retry' }, replayed: false });
  });
});
