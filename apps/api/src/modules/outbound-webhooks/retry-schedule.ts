/**
 * When a failed delivery is tried again, after its n-th attempt: the first attempt is immediate,
 * then 5 s, 5 min, 30 min, 2 h, 5 h, 10 h and 10 h after the previous one (8 attempts, about 27.6
 * hours in all); after the 8th the delivery has failed for good (replayable by hand).
 */
export const RETRY_DELAYS_MS = [5_000, 5 * 60_000, 30 * 60_000, 2 * 3600_000, 5 * 3600_000, 10 * 3600_000, 10 * 3600_000] as const;

export const MAX_ATTEMPTS = RETRY_DELAYS_MS.length + 1;

/** An endpoint whose deliveries have all failed for this long is disabled and its owners emailed. */
export const DISABLE_AFTER_FAILING_MS = 5 * 24 * 3600_000;

/** How long a rotated secret keeps signing beside the new one. */
export const ROTATION_OVERLAP_MS = 24 * 3600_000;

/** The delay before attempt `attempt + 1` after attempt `attempt` failed, or null when there is none. */
export function delayAfterAttempt(attempt: number): number | null {
  return attempt >= 1 && attempt <= RETRY_DELAYS_MS.length ? RETRY_DELAYS_MS[attempt - 1] : null;
}
