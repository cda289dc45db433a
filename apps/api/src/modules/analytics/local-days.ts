import { DateTime, IANAZone } from 'luxon';

/** A business without a time zone of its own is read on UTC's clock. */
export const DEFAULT_TIME_ZONE = 'UTC';

/** The zone to count a business's days in: its own when it names a real IANA zone, else UTC. */
export function zoneOf(timezone: string | null | undefined): string {
  return timezone && IANAZone.isValidZone(timezone) ? timezone : DEFAULT_TIME_ZONE;
}

/** The local calendar day (YYYY-MM-DD) that `at` falls on in `zone`. */
export function localDayOf(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toISODate()!;
}

/**
 * The instants a local day covers, [from, to): from its local midnight to the next. A DST change
 * makes it 23 or 25 hours long (luxon's calendar arithmetic, not 24 × 3600 s).
 */
export function utcRangeOf(day: string, zone: string): { from: Date; to: Date } {
  const start = DateTime.fromISO(day, { zone }).startOf('day');
  return { from: start.toJSDate(), to: start.plus({ days: 1 }).toJSDate() };
}

const DAY_MS = 86_400_000;
/** A calendar day's midnight on UTC's clock, in ms (plain Date arithmetic: the dashboard walks hundreds of days per request). */
const utcMs = (day: string) => Date.UTC(Number(day.slice(0, 4)), Number(day.slice(5, 7)) - 1, Number(day.slice(8, 10)));
const dayOfUtcMs = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** `day` moved by `days` calendar days. */
export function addDays(day: string, days: number): string {
  return dayOfUtcMs(utcMs(day) + days * DAY_MS);
}

/** Every day from `from` to `to`, both included (empty when to < from). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let ms = utcMs(from), end = utcMs(to); ms <= end; ms += DAY_MS) days.push(dayOfUtcMs(ms));
  return days;
}

/** The Monday of the ISO week a day is in. */
export function mondayOf(day: string): string {
  const ms = utcMs(day);
  return dayOfUtcMs(ms - ((new Date(ms).getUTCDay() + 6) % 7) * DAY_MS);
}

/** A valid calendar date written YYYY-MM-DD. */
export function isIsoDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text, { zone: 'UTC' }).isValid;
}
