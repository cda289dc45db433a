import { civilDate, easterSunday, epochDay, isoDate, nthWeekdayOfMonth } from './calendar';
import { holidayOn, holidaysIn } from './holidays';

const dates = (jurisdiction: string, year: number) => holidaysIn(jurisdiction, year).map((o) => isoDate(o.day));

describe('calendar', () => {
  it.each([
    [2000, '2000-04-23'],
    [2008, '2008-03-23'],
    [2011, '2011-04-24'],
    [2019, '2019-04-21'],
    [2024, '2024-03-31'],
    [2025, '2025-04-20'],
    [2026, '2026-04-05'],
    [2027, '2027-03-28'],
    [2038, '2038-04-25'],
  ])('Easter Sunday %i is %s', (year, date) => {
    expect(isoDate(easterSunday(year))).toBe(date);
  });

  it('converts epoch days to civil dates like Date does, 1900–2100', () => {
    for (let day = epochDay(1900, 1, 1); day <= epochDay(2100, 12, 31); day++) {
      const date = new Date(day * 86_400_000);
      const civil = civilDate(day);
      if (civil.year !== date.getUTCFullYear() || civil.month !== date.getUTCMonth() + 1 || civil.dayOfMonth !== date.getUTCDate()) {
        throw new Error(`day ${day}: ${JSON.stringify(civil)} vs ${date.toISOString()}`);
      }
    }
    expect(isoDate(epochDay(2026, 7, 3))).toBe('2026-07-03');
    expect(isoDate(-1)).toBe('1969-12-31');
  });

  it('finds the n-th and the last weekday of a month', () => {
    expect(isoDate(nthWeekdayOfMonth(2026, 1, 1, 3))).toBe('2026-01-19');
    expect(isoDate(nthWeekdayOfMonth(2026, 5, 1, -1))).toBe('2026-05-25');
    expect(isoDate(nthWeekdayOfMonth(2026, 11, 4, 4))).toBe('2026-11-26');
    expect(isoDate(nthWeekdayOfMonth(2027, 2, 1, -1))).toBe('2027-02-22');
  });
});

describe('Ala. Code § 1-3-8: Alabama state holidays', () => {
  it('computes 2026, with Independence Day (a Saturday) also observed on Friday July 3', () => {
    expect(dates('AL', 2026)).toEqual([
      '2026-01-01',
      '2026-01-19',
      '2026-02-16',
      '2026-02-17',
      '2026-04-27',
      '2026-05-25',
      '2026-06-01',
      '2026-06-19',
      '2026-07-03',
      '2026-07-04',
      '2026-09-07',
      '2026-10-12',
      '2026-11-11',
      '2026-11-26',
      '2026-12-01',
      '2026-12-25',
    ]);
  });

  it('shifts a Sunday holiday to Monday (Christmas 2022 → December 26)', () => {
    expect(dates('AL', 2022)).toEqual(expect.arrayContaining(['2022-12-25', '2022-12-26']));
  });

  it("observes New Year's Day 2028 (a Saturday) on Friday December 31, 2027", () => {
    expect(dates('AL', 2027)).toContain('2027-12-31');
    expect(dates('AL', 2028)).toContain('2028-01-01');
    expect(dates('AL', 2028)).not.toContain('2027-12-31');
  });
});

describe('La. R.S. 1:55: Louisiana state holidays', () => {
  it('includes Mardi Gras and Good Friday, which move with Easter', () => {
    expect(holidayOn('LA', epochDay(2026, 2, 17))).toBe('Mardi Gras');
    expect(holidayOn('LA', epochDay(2026, 4, 3))).toBe('Good Friday');
    expect(holidayOn('LA', epochDay(2025, 3, 4))).toBe('Mardi Gras');
    expect(holidayOn('LA', epochDay(2025, 4, 18))).toBe('Good Friday');
  });

  it('is not a holiday on an ordinary Wednesday', () => {
    expect(holidayOn('LA', epochDay(2026, 3, 11))).toBeUndefined();
  });
});

describe('R.I. Gen. Laws § 25-1-1: Rhode Island state holidays', () => {
  it('includes Victory Day on the second Monday of August', () => {
    expect(holidayOn('RI', epochDay(2026, 8, 10))).toBe('Victory Day');
    expect(holidayOn('RI', epochDay(2027, 8, 9))).toBe('Victory Day');
  });

  it('includes general election day in even years only', () => {
    expect(holidayOn('RI', epochDay(2026, 11, 3))).toBe('General Election Day');
    expect(holidayOn('RI', epochDay(2028, 11, 7))).toBe('General Election Day');
    expect(holidayOn('RI', epochDay(2027, 11, 2))).toBeUndefined();
  });

  it('marks an observed day by name', () => {
    expect(holidayOn('RI', epochDay(2026, 7, 3))).toBe('Independence Day (observed)');
  });
});

it('has no calendar for states without a holiday ban', () => {
  expect(holidaysIn('TX', 2026)).toEqual([]);
  expect(holidayOn('TX', epochDay(2026, 12, 25))).toBeUndefined();
});
