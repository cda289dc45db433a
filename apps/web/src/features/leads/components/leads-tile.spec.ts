import { describe, expect, it } from 'vitest';
import { periodStart } from './leads-tile';

describe('the period of the overview’s leads tile', () => {
  const now = new Date('2026-02-10T12:00:00Z');

  it('starts a month before the period ends', () => {
    expect(periodStart('2026-03-01T09:30:00Z', now).toISOString()).toBe('2026-02-01T09:30:00.000Z');
    // 31 March − 1 month is the end of February, not 3 March.
    expect(periodStart('2026-03-31T00:00:00Z', new Date('2026-03-10T00:00:00Z')).toISOString()).toBe('2026-02-28T00:00:00.000Z');
  });

  it('is the last 30 days without a period, or with a period that has not started', () => {
    expect(periodStart(null, now).toISOString()).toBe('2026-01-11T12:00:00.000Z');
    expect(periodStart('2026-04-15T00:00:00Z', now).toISOString()).toBe('2026-01-11T12:00:00.000Z');
  });
});
