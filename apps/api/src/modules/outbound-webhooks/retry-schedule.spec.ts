import { delayAfterAttempt, MAX_ATTEMPTS } from './retry-schedule';

describe('outbound webhook retry schedule', () => {
  it('is immediately, 5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 10 h', () => {
    const delays = Array.from({ length: MAX_ATTEMPTS }, (_, i) => delayAfterAttempt(i + 1));
    expect(delays).toEqual([5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 36_000_000, null]);
    expect(MAX_ATTEMPTS).toBe(8);
    expect(delayAfterAttempt(9)).toBeNull();
  });
});
