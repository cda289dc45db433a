import { dueWeek, lastWholeWeek } from './weekly-report-schedule';

describe('when the weekly report is due', () => {
  it('is Monday 09:00 local: in Los Angeles (UTC−8 in December) that is 17:00 UTC', () => {
    // Monday 7 December 2026.
    expect(dueWeek(new Date('2026-12-07T16:59:59Z'), 'America/Los_Angeles')).toBeNull();
    expect(dueWeek(new Date('2026-12-07T17:00:00Z'), 'America/Los_Angeles')).toEqual({
      weekStart: '2026-11-30',
      weekEnd: '2026-12-06',
      dueAt: new Date('2026-12-07T17:00:00Z'),
      startsAt: new Date('2026-11-30T08:00:00Z'),
    });
  });

  it('east of UTC it comes before UTC Monday 09:00; in UTC at 09:00 sharp', () => {
    // Tokyo (UTC+9): Monday 09:00 is Monday 00:00 UTC.
    expect(dueWeek(new Date('2026-12-06T23:59:00Z'), 'Asia/Tokyo')).toBeNull();
    expect(dueWeek(new Date('2026-12-07T00:00:00Z'), 'Asia/Tokyo')?.weekStart).toBe('2026-11-30');
    expect(dueWeek(new Date('2026-12-07T08:59:59Z'), 'UTC')).toBeNull();
    expect(dueWeek(new Date('2026-12-07T09:00:00Z'), 'UTC')?.weekEnd).toBe('2026-12-06');
  });

  it('stays due for the rest of the week (a worker that was down catches up), then moves to the next week', () => {
    expect(dueWeek(new Date('2026-12-13T23:00:00Z'), 'UTC')?.weekStart).toBe('2026-11-30');
    expect(dueWeek(new Date('2026-12-14T08:00:00Z'), 'UTC')).toBeNull();
    expect(dueWeek(new Date('2026-12-14T09:00:00Z'), 'UTC')?.weekStart).toBe('2026-12-07');
  });

  it('keeps 09:00 local across a DST change (New York, spring forward on 8 March 2026)', () => {
    // Monday 9 March is EDT (UTC−4): 09:00 local is 13:00 UTC, not 14:00.
    expect(lastWholeWeek(new Date('2026-03-09T12:00:00Z'), 'America/New_York').dueAt).toEqual(new Date('2026-03-09T13:00:00Z'));
    expect(lastWholeWeek(new Date('2026-03-09T12:00:00Z'), 'America/New_York').weekStart).toBe('2026-03-02');
  });
});
