import { allowsNextHit, estimatedCount, msUntilNextHit, WindowCounts } from './sliding-window';

const HOUR = 3_600_000;

function counts(partial: Partial<WindowCounts>): WindowCounts {
  return { limit: 5, windowMs: HOUR, elapsedMs: 0, current: 0, previous: 0, ...partial };
}

describe('sliding-window rate-limit math', () => {
  it('lets exactly `limit` hits through in a fresh window', () => {
    expect(allowsNextHit(counts({ current: 4 }))).toBe(true);
    expect(allowsNextHit(counts({ current: 5 }))).toBe(false);
  });

  it('weights the previous window by how much of it still overlaps', () => {
    expect(estimatedCount(counts({ previous: 4, elapsedMs: HOUR / 4, current: 1 }))).toBe(4);
    // 4 × 0.75 + 1 = 4 → one more fits (5); 4 × 0.75 + 2 = 5 → the next does not.
    expect(allowsNextHit(counts({ previous: 4, elapsedMs: HOUR / 4, current: 1 }))).toBe(true);
    expect(allowsNextHit(counts({ previous: 4, elapsedMs: HOUR / 4, current: 2 }))).toBe(false);
  });

  it('answers 0 when the next hit fits now', () => {
    expect(msUntilNextHit(counts({ current: 2 }))).toBe(0);
  });

  it('waits for the previous window to fade when this window still has room', () => {
    // previous 10 of limit 5 at the start of the window: (10·(W−t)/W) + 1 ≤ 5 ⇔ t ≥ 0.6 W.
    const wait = msUntilNextHit(counts({ previous: 10, current: 0, elapsedMs: 0 }));
    expect(wait).toBe(0.6 * HOUR);
    expect(allowsNextHit(counts({ previous: 10, current: 0, elapsedMs: wait }))).toBe(true);
    expect(allowsNextHit(counts({ previous: 10, current: 0, elapsedMs: wait - 1 }))).toBe(false);
  });

  it('waits into the next window when this window is full', () => {
    // 5 hits at minute 0: in the next window 5·(W−g)/W + 1 ≤ 5 ⇔ g ≥ 0.2 W; total wait W + 0.2 W.
    const wait = msUntilNextHit(counts({ current: 5, elapsedMs: 0 }));
    expect(wait).toBe(1.2 * HOUR);
    // Seen from the next window's start (previous = 5), the same moment is 0.2 W in.
    expect(allowsNextHit(counts({ previous: 5, current: 0, elapsedMs: 0.2 * HOUR }))).toBe(true);
    expect(allowsNextHit(counts({ previous: 5, current: 0, elapsedMs: 0.2 * HOUR - 1 }))).toBe(false);
  });

  it('never lets more than `limit` hits through in any window-long span (brute force)', () => {
    const limit = 3;
    const w = 1000;
    const accepted: number[] = [];
    const windows = new Map<number, number>();
    for (let t = 0; t < 10 * w; t += 37) {
      const index = Math.floor(t / w);
      const c = { limit, windowMs: w, elapsedMs: t - index * w, current: windows.get(index) ?? 0, previous: windows.get(index - 1) ?? 0 };
      if (allowsNextHit(c)) {
        windows.set(index, c.current + 1);
        accepted.push(t);
      }
    }
    for (const start of accepted) {
      expect(accepted.filter((t) => t >= start && t < start + w).length).toBeLessThanOrEqual(limit + 1);
    }
    expect(accepted.length).toBeGreaterThan(limit * 5);
  });
});
