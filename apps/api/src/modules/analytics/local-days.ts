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

/** `day` moved by `days` calendar days. */
export function addDays(day: string, days: number): string {
  return DateTime.fromISO(day, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

/** Every day from `from` to `to`, both included (empty when to < from). */
export function daysBetween(from: string, to: string): string[] {
  const days: string[] = [];
  for (let day = from; day <= to; day = addDays(day, 1)) days.push(day);
  return days;
}

/** A valid calendar date written YYYY-MM-DD. */
export function isIsoDay(text: string): boolean {
  return /^\d{4}-\d{2}-\d{2}$/.test(text) && DateTime.fromISO(text, { zone: 'UTC' }).isValid;
}
