/**
 * Sliding-window counter: the count of the current fixed window plus the previous window's count
 * weighted by how much of it still overlaps the sliding window. It smooths the burst a plain fixed
 * window allows at its edges, with two counters per key.
 */
export interface WindowCounts {
  limit: number;
  windowMs: number;
  /** Time since the current fixed window began, 0 ≤ elapsedMs < windowMs. */
  elapsedMs: number;
  /** Hits already counted in the current fixed window. */
  current: number;
  /** Hits counted in the previous fixed window. */
  previous: number;
}

/** The weighted count the sliding window sees now (before the next hit). */
export function estimatedCount({ windowMs, elapsedMs, current, previous }: WindowCounts): number {
  return (previous * (windowMs - elapsedMs)) / windowMs + current;
}

/**
 * Whether one more hit fits. Integer arithmetic, the same as the Lua script's, so that both sides
 * agree exactly: previous·(W−e) + (current+1)·W ≤ limit·W.
 */
export function allowsNextHit({ limit, windowMs, elapsedMs, current, previous }: WindowCounts): boolean {
  return previous * (windowMs - elapsedMs) + (current + 1) * windowMs <= limit * windowMs;
}

/**
 * How long until one more hit fits, assuming no other hits meanwhile (rejected hits are not
 * counted, so a client that waits this long gets through). 0 when it fits now.
 */
export function msUntilNextHit(counts: WindowCounts): number {
  if (allowsNextHit(counts)) return 0;
  const { limit, windowMs: w, elapsedMs: e, current, previous } = counts;
  const room = limit - current - 1;
  // Still inside this window: wait for the previous window's weight to shrink enough.
  if (room >= 0 && previous > 0) {
    const wait = w - e - (room * w) / previous;
    if (wait < w - e) return Math.max(0, Math.ceil(wait));
  }
  // In the next window, this window's hits become "previous" and fade linearly.
  const intoNext = current > 0 ? Math.max(0, w - ((limit - 1) * w) / current) : 0;
  return Math.ceil(w - e + intoNext);
}
