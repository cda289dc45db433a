import { DateTime } from 'luxon';
import { addDays, localDayOf, mondayOf, utcRangeOf } from './local-days';

/** The local hour on Monday the weekly report goes out. */
export const SEND_HOUR = 9;

export interface ReportWeek {
  /** Monday and Sunday of the reported week: local days of the business. */
  weekStart: string;
  weekEnd: string;
  /** When this week's report is due: the Monday after it, 09:00 local. */
  dueAt: Date;
  /** When the reported week began (its Monday's local midnight). */
  startsAt: Date;
}

/**
 * The last whole week before `now` in `zone` (Monday to Sunday), and when its report is due: the
 * next Monday at 09:00 local (luxon's calendar arithmetic, so 09:00 stays 09:00 across DST).
 */
export function lastWholeWeek(now: Date, zone: string): ReportWeek {
  const thisMonday = mondayOf(localDayOf(now, zone));
  const weekStart = addDays(thisMonday, -7);
  return {
    weekStart,
    weekEnd: addDays(thisMonday, -1),
    dueAt: DateTime.fromISO(`${thisMonday}T${String(SEND_HOUR).padStart(2, '0')}:00`, { zone }).toJSDate(),
    startsAt: utcRangeOf(weekStart, zone).from,
  };
}

/** The week whose report is due at `now` in `zone`: the last whole week once this Monday's 09:00 has passed, else none yet. */
export function dueWeek(now: Date, zone: string): ReportWeek | null {
  const week = lastWholeWeek(now, zone);
  return now >= week.dueAt ? week : null;
}
