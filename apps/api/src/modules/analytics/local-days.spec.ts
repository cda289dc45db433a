import { addDays, daysBetween, isIsoDay, localDayOf, mondayOf, utcRangeOf, zoneOf } from './local-days';

describe('local days', () => {
  it('a day west of UTC starts at its local midnight', () => {
    expect(utcRangeOf('2026-03-02', 'America/Los_Angeles')).toEqual({ from: new Date('2026-03-02T08:00:00Z'), to: new Date('2026-03-03T08:00:00Z') });
    expect(localDayOf(new Date('2026-03-03T07:59:59Z'), 'America/Los_Angeles')).toBe('2026-03-02');
    expect(localDayOf(new Date('2026-03-03T08:00:00Z'), 'America/Los_Angeles')).toBe('2026-03-03');
  });

  it('the day clocks spring forward has 23 hours, the day they fall back 25', () => {
    const spring = utcRangeOf('2026-03-08', 'America/New_York');
    expect(spring).toEqual({ from: new Date('2026-03-08T05:00:00Z'), to: new Date('2026-03-09T04:00:00Z') });
    const fall = utcRangeOf('2026-11-01', 'America/New_York');
    expect((fall.to.getTime() - fall.from.getTime()) / 3_600_000).toBe(25);
  });

  it('reads an unknown or missing zone as UTC', () => {
    expect(zoneOf(null)).toBe('UTC');
    expect(zoneOf('Mars/Olympus')).toBe('UTC');
    expect(zoneOf('Europe/Paris')).toBe('Europe/Paris');
  });

  it('walks calendar days across month ends', () => {
    expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
    expect(addDays('2024-03-01', -1)).toBe('2024-02-29');
    expect([mondayOf('2026-03-04'), mondayOf('2026-03-08'), mondayOf('2026-03-09')]).toEqual(['2026-03-02', '2026-03-02', '2026-03-09']);
    expect(daysBetween('2026-12-30', '2027-01-02')).toEqual(['2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02']);
    expect(daysBetween('2026-01-02', '2026-01-01')).toEqual([]);
    expect(isIsoDay('2026-02-30')).toBe(false);
    expect(isIsoDay('2026-02-28')).toBe(true);
  });
});
