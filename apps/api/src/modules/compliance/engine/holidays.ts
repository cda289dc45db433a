import { easterSunday, epochDay, nthWeekdayOfMonth, weekdayOf, WeekdayIndex, yearOf } from './calendar';

/**
 * State holiday calendars for the states that ban sales calls on holidays (AL, LA, RI).
 * Dates are computed per year from the statute's definition, never listed per year.
 *
 * Stricter wins where the law is unclear:
 * - a holiday on a Saturday also makes the Friday before a no-call day, one on a Sunday the
 *   Monday after (both the calendar date and the observed date are off-limits);
 * - holidays limited to some counties or parishes (Mardi Gras) count statewide, because the
 *   engine does not know the county;
 * - a holiday the statute lists is kept even where the enforcing agency is said to be lenient.
 */

type HolidayDate =
  | { kind: 'fixed'; month: number; day: number }
  | { kind: 'nth_weekday'; month: number; weekday: WeekdayIndex; n: number }
  | { kind: 'easter'; offsetDays: number }
  | { kind: 'general_election_even_years' };

interface Holiday {
  name: string;
  on: HolidayDate;
  note?: string;
}

export interface HolidayCalendar {
  jurisdiction: string;
  source: string;
  holidays: readonly Holiday[];
}

const fixed = (month: number, day: number): HolidayDate => ({ kind: 'fixed', month, day });
const MON: WeekdayIndex = 1;
const THU: WeekdayIndex = 4;
const nth = (n: number, weekday: WeekdayIndex, month: number): HolidayDate => ({ kind: 'nth_weekday', month, weekday, n });
const LAST = -1;

export const HOLIDAY_CALENDARS: Readonly<Record<string, HolidayCalendar>> = {
  AL: {
    jurisdiction: 'AL',
    source: 'Ala. Code § 1-3-8 (legal holidays; Saturday → Friday, Sunday → Monday)',
    holidays: [
      { name: "New Year's Day", on: fixed(1, 1) },
      { name: 'Robert E. Lee / Martin Luther King Jr. Birthday', on: nth(3, MON, 1) },
      { name: 'George Washington / Thomas Jefferson Birthday', on: nth(3, MON, 2) },
      { name: 'Mardi Gras', on: { kind: 'easter', offsetDays: -47 }, note: 'Baldwin and Mobile counties only; kept statewide' },
      { name: 'Confederate Memorial Day', on: nth(4, MON, 4) },
      { name: 'National Memorial Day', on: nth(LAST, MON, 5) },
      { name: "Jefferson Davis' Birthday", on: nth(1, MON, 6) },
      { name: 'Juneteenth', on: fixed(6, 19), note: 'observed by proclamation; kept to be safe' },
      { name: 'Independence Day', on: fixed(7, 4) },
      { name: 'Labor Day', on: nth(1, MON, 9) },
      { name: 'Columbus Day / Fraternal Day / American Indian Heritage Day', on: nth(2, MON, 10) },
      { name: 'Veterans Day', on: fixed(11, 11) },
      { name: 'Thanksgiving Day', on: nth(4, THU, 11) },
      { name: 'Mrs. Rosa L. Parks Day', on: fixed(12, 1), note: 'verify: recent addition' },
      { name: 'Christmas Day', on: fixed(12, 25) },
    ],
  },
  LA: {
    jurisdiction: 'LA',
    source: 'La. R.S. 1:55 (days of public rest and legal holidays)',
    holidays: [
      { name: "New Year's Day", on: fixed(1, 1) },
      { name: 'Battle of New Orleans', on: fixed(1, 8) },
      { name: 'Dr. Martin Luther King Jr. Birthday', on: nth(3, MON, 1) },
      { name: 'Robert E. Lee Day', on: fixed(1, 19) },
      { name: "Washington's Birthday", on: nth(3, MON, 2) },
      { name: 'Mardi Gras', on: { kind: 'easter', offsetDays: -47 }, note: 'parish-dependent; kept statewide' },
      { name: 'Good Friday', on: { kind: 'easter', offsetDays: -2 } },
      { name: 'National Memorial Day', on: nth(LAST, MON, 5) },
      { name: 'Confederate Memorial Day', on: fixed(6, 3) },
      { name: 'Independence Day', on: fixed(7, 4) },
      { name: 'Huey P. Long Day', on: fixed(8, 30) },
      { name: 'Labor Day', on: nth(1, MON, 9) },
      { name: 'Christopher Columbus Day', on: nth(2, MON, 10) },
      { name: "All Saints' Day", on: fixed(11, 1) },
      { name: 'Veterans Day', on: fixed(11, 11) },
      { name: 'Thanksgiving Day', on: nth(4, THU, 11) },
      { name: 'Christmas Day', on: fixed(12, 25) },
    ],
  },
  RI: {
    jurisdiction: 'RI',
    source: 'R.I. Gen. Laws § 25-1-1 (legal holidays)',
    holidays: [
      { name: "New Year's Day", on: fixed(1, 1) },
      { name: 'Dr. Martin Luther King Jr. Day', on: nth(3, MON, 1) },
      { name: "Washington's Birthday", on: nth(3, MON, 2) },
      { name: 'Rhode Island Independence Day', on: fixed(5, 4) },
      { name: 'Memorial Day', on: nth(LAST, MON, 5) },
      { name: 'Independence Day', on: fixed(7, 4) },
      { name: 'Victory Day', on: nth(2, MON, 8) },
      { name: 'Labor Day', on: nth(1, MON, 9) },
      { name: "Indigenous Peoples' Day / Columbus Day", on: nth(2, MON, 10) },
      { name: 'General Election Day', on: { kind: 'general_election_even_years' } },
      { name: 'Veterans Day', on: fixed(11, 11) },
      { name: 'Thanksgiving Day', on: nth(4, THU, 11) },
      { name: 'Christmas Day', on: fixed(12, 25) },
    ],
  },
};

function dateIn(year: number, on: HolidayDate): number | null {
  switch (on.kind) {
    case 'fixed':
      return epochDay(year, on.month, on.day);
    case 'nth_weekday':
      return nthWeekdayOfMonth(year, on.month, on.weekday, on.n);
    case 'easter':
      return easterSunday(year) + on.offsetDays;
    case 'general_election_even_years':
      // The Tuesday after the first Monday in November.
      return year % 2 === 0 ? nthWeekdayOfMonth(year, 11, MON, 1) + 1 : null;
  }
}

export interface HolidayOccurrence {
  day: number;
  name: string;
  observed: boolean;
}

function occurrencesOf(calendar: HolidayCalendar, year: number): HolidayOccurrence[] {
  const found: HolidayOccurrence[] = [];
  for (const holiday of calendar.holidays) {
    const day = dateIn(year, holiday.on);
    if (day === null) continue;
    found.push({ day, name: holiday.name, observed: false });
    const weekday = weekdayOf(day);
    if (weekday === 6) found.push({ day: day - 1, name: holiday.name, observed: true });
    if (weekday === 0) found.push({ day: day + 1, name: holiday.name, observed: true });
  }
  return found;
}

/** Every no-call day of a year, including observed days shifted in from the years around it. */
export function holidaysIn(jurisdiction: string, year: number): HolidayOccurrence[] {
  const calendar = HOLIDAY_CALENDARS[jurisdiction];
  if (!calendar) return [];
  return [year - 1, year, year + 1]
    .flatMap((y) => occurrencesOf(calendar, y))
    .filter((occurrence) => yearOf(occurrence.day) === year)
    .sort((a, b) => a.day - b.day);
}

const cache = new Map<string, Map<number, ReadonlyMap<number, string>>>();

function namesByDay(jurisdiction: string, year: number): ReadonlyMap<number, string> {
  let byYear = cache.get(jurisdiction);
  if (!byYear) cache.set(jurisdiction, (byYear = new Map()));
  let days = byYear.get(year);
  if (!days) {
    days = new Map(holidaysIn(jurisdiction, year).map((o) => [o.day, o.observed ? `${o.name} (observed)` : o.name]));
    byYear.set(year, days);
  }
  return days;
}

/** The holiday's name when `day` (a local epoch day) is a no-call day in the jurisdiction. */
export function holidayOn(jurisdiction: string, day: number): string | undefined {
  return namesByDay(jurisdiction, yearOf(day)).get(day);
}
