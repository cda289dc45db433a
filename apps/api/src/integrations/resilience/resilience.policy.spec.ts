import { ResiliencePolicy, retryDelayMs } from './resilience.policy';

describe('retryDelayMs', () => {
  const policy = new ResiliencePolicy();

  it('waits 1 s, 2 s, 4 s without jitter (random = 0.5)', () => {
    expect([0, 1, 2].map((retry) => retryDelayMs(retry, policy, 0.5))).toEqual([1000, 2000, 4000]);
  });

  it('jitters each wait by at most ±20 %', () => {
    expect(retryDelayMs(0, policy, 0)).toBe(800);
    expect(retryDelayMs(2, policy, 0.999999)).toBe(4800);
  });

  it('waits at least what Retry-After asks for', () => {
    expect(retryDelayMs(0, policy, 0.5, 7000)).toBe(7000);
    expect(retryDelayMs(2, policy, 0.5, 1000)).toBe(4000);
  });

  it('gives up when Retry-After asks for more than it will hold a request', () => {
    expect(retryDelayMs(0, policy, 0.5, 120_000)).toBeNull();
  });
});
