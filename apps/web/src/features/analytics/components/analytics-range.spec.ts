import { describe, expect, it } from 'vitest';
import { presetRange, rangeFromParams } from './analytics-range';

const TODAY = new Date(2026, 2, 10, 13, 0); // 10 March 2026, local

describe('analytics ranges', () => {
  it('counts whole local days back from today, yesterday alone for Yesterday', () => {
    expect(presetRange('7d', TODAY)).toEqual({ from: '2026-03-04', to: '2026-03-10', interval: 'day' });
    expect(presetRange('yesterday', TODAY)).toEqual({ from: '2026-03-09', to: '2026-03-09', interval: 'day' });
    expect(presetRange('12m', TODAY)).toEqual({ from: '2025-03-11', to: '2026-03-10', interval: 'week' });
  });

  it('reads the range and grouping from the URL, the last 30 days by default', () => {
    expect(rangeFromParams(new URLSearchParams(''), TODAY)).toEqual({ preset: '30d', range: { from: '2026-02-09', to: '2026-03-10', interval: 'day' } });
    expect(rangeFromParams(new URLSearchParams('range=90d&interval=day'), TODAY).range).toEqual({ from: '2025-12-11', to: '2026-03-10', interval: 'day' });
    expect(rangeFromParams(new URLSearchParams('range=nope&interval=month'), TODAY).preset).toBe('30d');
  });
});
