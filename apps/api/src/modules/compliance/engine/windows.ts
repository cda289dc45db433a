import { clockTime, isoDate, MINUTES_PER_DAY, WEEKDAY_NAMES, weekdayOf } from './calendar';
import { holidayOn } from './holidays';
import { DailyWindow, JurisdictionRules, parseClockTime, WeeklyWindows } from './rules';
import { Reason, Weekday, WeeklyHours } from './types';
import { ZoneClock, zoneClock } from './zones';

/**
 * Calling windows: when, on a given clock, a call may start.
 *
 * Everything is in whole minutes: UTC minutes (epoch ms / 60 000) for instants, local minutes
 * (UTC minute + offset) for wall-clock readings. A call is allowed at an instant when, on every
 * clock that applies, the local wall-clock reading falls inside that day's windows. Because all
 * North American offsets are whole minutes, being allowed is constant within a UTC minute.
 */

/** Sorted, non-overlapping windows of one local day; empty = no calls that day. */
export type DayWindows = readonly DailyWindow[];

/** One rule's windows, kept apart so a refusal can name the rule that caused it. */
interface PlanPart {
  rule: string;
  source: string;
  weekly: readonly DayWindows[];
  /** Jurisdiction whose holiday calendar bans calls, with the rule id/source to cite. */
  holidays?: { jurisdiction: string; rule: string; source: string };
}

/** The intersection of several rules on one clock. */
export interface CallingPlan {
  weekly: readonly DayWindows[];
  holidayJurisdictions: readonly string[];
  parts: readonly PlanPart[];
}

/** A plan read on a given clock (a candidate zone of the called party, or the business's). */
export interface ClockConstraint {
  clock: ZoneClock;
  plan: CallingPlan;
  /** How the clock is named in reasons, e.g. "America/Chicago". */
  label: string;
}

const WHOLE_DAY: DayWindows = [{ from: 0, to: MINUTES_PER_DAY }];
const CLOSED: DayWindows = [];

export function intersectDays(a: DayWindows, b: DayWindows): DayWindows {
  const out: DailyWindow[] = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const from = Math.max(a[i].from, b[j].from);
    const to = Math.min(a[i].to, b[j].to);
    if (from < to) out.push({ from, to });
    if (a[i].to < b[j].to) i++;
    else j++;
  }
  return out;
}

function weeklyOf(windows: WeeklyWindows): DayWindows[] {
  return windows.map((window) => (window ? [window] : CLOSED));
}

function combine(parts: readonly PlanPart[]): CallingPlan {
  const weekly: DayWindows[] = [];
  for (let weekday = 0; weekday < 7; weekday++) {
    weekly.push(parts.reduce((day, part) => intersectDays(day, part.weekly[weekday]), WHOLE_DAY));
  }
  const holidayJurisdictions = parts.flatMap((part) => (part.holidays ? [part.holidays.jurisdiction] : []));
  return { weekly, holidayJurisdictions, parts };
}

const lawPlans = new Map<string, CallingPlan>();

/** The legal plan for a set of jurisdictions, cached: few distinct sets exist. */
export function legalPlan(rules: readonly JurisdictionRules[]): CallingPlan {
  const key = rules.map((r) => r.jurisdiction).join('|');
  let plan = lawPlans.get(key);
  if (!plan) {
    plan = combine(
      rules.map((r) => ({
        rule: r.callingHours.id,
        source: r.callingHours.source,
        weekly: weeklyOf(r.callingHours.weekly),
        holidays: r.holidayBan && { jurisdiction: r.jurisdiction, rule: r.holidayBan.id, source: r.holidayBan.source },
      })),
    );
    lawPlans.set(key, plan);
  }
  return plan;
}

/** A statute's own clock ("Central Standard Time"), applied besides local time. */
export function statedClockPlan(rules: JurisdictionRules): CallingPlan {
  const key = `${rules.jurisdiction}@stated-clock`;
  let plan = lawPlans.get(key);
  if (!plan) {
    plan = combine([{ rule: rules.callingHours.id, source: rules.callingHours.source, weekly: weeklyOf(rules.callingHours.weekly) }]);
    lawPlans.set(key, plan);
  }
  return plan;
}

const WEEKDAY_KEYS: readonly Weekday[] = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'];
export const BUSINESS_HOURS_RULE = 'business.hours';
const BUSINESS_HOURS_SOURCE = "the business's calling hours (Beaker settings; can only narrow the law)";

const businessPlans = new WeakMap<WeeklyHours, CallingPlan | string>();

/** Business hours as a plan, or an error message when they are malformed. Cached per object. */
export function businessHoursPlan(hours: WeeklyHours): CallingPlan | string {
  const cached = businessPlans.get(hours);
  if (cached !== undefined) return cached;
  let result: CallingPlan | string;
  try {
    const weekly = WEEKDAY_KEYS.map((key) => {
      const windows = (hours[key] ?? []).map(({ from, to }) => {
        const start = parseClockTime(from);
        const end = parseClockTime(to);
        if (start === null || end === null || start >= end) throw new Error(`${key} ${from}-${to}`);
        return { from: start, to: end };
      });
      // Union of the day's windows, sorted, so overlapping entries are harmless.
      windows.sort((a, b) => a.from - b.from);
      const merged: DailyWindow[] = [];
      for (const window of windows) {
        const previous = merged[merged.length - 1];
        if (previous && window.from <= previous.to) merged[merged.length - 1] = { from: previous.from, to: Math.max(previous.to, window.to) };
        else merged.push(window);
      }
      return merged;
    });
    result = combine([{ rule: BUSINESS_HOURS_RULE, source: BUSINESS_HOURS_SOURCE, weekly }]);
  } catch (error) {
    result = `invalid business hours window ${(error as Error).message}`;
  }
  businessPlans.set(hours, result);
  return result;
}

export function constraintOn(zone: string, plan: CallingPlan, label = zone): ClockConstraint | null {
  const clock = zoneClock(zone);
  return clock && { clock, plan, label };
}

function windowsOn(plan: CallingPlan, day: number): DayWindows {
  for (const jurisdiction of plan.holidayJurisdictions) {
    if (holidayOn(jurisdiction, day) !== undefined) return CLOSED;
  }
  return plan.weekly[weekdayOf(day)];
}

function allowedOn(constraint: ClockConstraint, minute: number): boolean {
  const local = minute + constraint.clock.segmentAt(minute).offset;
  const day = Math.floor(local / MINUTES_PER_DAY);
  const minuteOfDay = local - day * MINUTES_PER_DAY;
  for (const window of windowsOn(constraint.plan, day)) {
    if (minuteOfDay >= window.from && minuteOfDay < window.to) return true;
  }
  return false;
}

/** True when a call may start during UTC minute `minute` on every clock. */
export function allowedAt(constraints: readonly ClockConstraint[], minute: number): boolean {
  for (const constraint of constraints) {
    if (!allowedOn(constraint, minute)) return false;
  }
  return true;
}

/**
 * Earliest UTC minute >= `minute` allowed on one clock, or null past `limit`.
 * Walks constant-offset segments; inside one, local time is UTC + offset, so the answer is the
 * first window start (or `minute` itself) mapped back — a DST gap or overlap needs no special case.
 */
function nextAllowedOn(constraint: ClockConstraint, minute: number, limit: number): number | null {
  let utc = minute;
  segments: while (utc <= limit) {
    const segment = constraint.clock.segmentAt(utc);
    const offset = segment.offset;
    const local = utc + offset;
    const lastLocal = Math.min(segment.end - 1, limit) + offset;
    for (let day = Math.floor(local / MINUTES_PER_DAY); day * MINUTES_PER_DAY <= lastLocal; day++) {
      const dayStart = day * MINUTES_PER_DAY;
      for (const window of windowsOn(constraint.plan, day)) {
        const candidate = Math.max(local, dayStart + window.from);
        if (candidate < dayStart + window.to) {
          if (candidate <= lastLocal) return candidate - offset;
          // The window opens only after this segment: look again with the next offset.
          utc = segment.end;
          continue segments;
        }
      }
    }
    utc = segment.end;
  }
  return null;
}

/**
 * Earliest UTC minute in [start, limit] allowed on every clock, or null.
 * Each clock's own next allowed minute is a lower bound of the answer, so jumping to the
 * largest of them never skips an answer; when no clock moves us, every clock allows the minute.
 */
export function earliestAllowedMinute(constraints: readonly ClockConstraint[], start: number, limit: number): number | null {
  if (start > limit) return null;
  let minute = start;
  for (;;) {
    let moved = false;
    for (const constraint of constraints) {
      const next = nextAllowedOn(constraint, minute, limit);
      if (next === null) return null;
      if (next > minute) {
        minute = next;
        moved = true;
      }
    }
    if (!moved) return minute;
  }
}

function describeWindows(windows: DayWindows): string {
  return windows.map((w) => `${clockTime(w.from)}–${clockTime(w.to)}`).join(', ');
}

/** Reasons naming each rule that refuses UTC minute `minute`, one per rule (first clock wins). */
export function windowReasons(constraints: readonly ClockConstraint[], minute: number): Reason[] {
  const reasons = new Map<string, Reason>();
  for (const constraint of constraints) {
    const local = minute + constraint.clock.segmentAt(minute).offset;
    const day = Math.floor(local / MINUTES_PER_DAY);
    const minuteOfDay = local - day * MINUTES_PER_DAY;
    const weekday = weekdayOf(day);
    const when = () => `${WEEKDAY_NAMES[weekday]} ${isoDate(day)} ${clockTime(minuteOfDay)} on ${constraint.label}`;
    for (const part of constraint.plan.parts) {
      const holiday = part.holidays && holidayOn(part.holidays.jurisdiction, day);
      if (part.holidays && holiday) {
        const { rule, source } = part.holidays;
        if (!reasons.has(rule)) reasons.set(rule, { rule, source, detail: `${when()}: no calls on ${holiday}` });
        continue;
      }
      if (reasons.has(part.rule)) continue;
      const windows = part.weekly[weekday];
      if (windows.length === 0) {
        reasons.set(part.rule, { rule: part.rule, source: part.source, detail: `${when()}: no calls on ${WEEKDAY_NAMES[weekday]}` });
      } else if (!windows.some((w) => minuteOfDay >= w.from && minuteOfDay < w.to)) {
        reasons.set(part.rule, { rule: part.rule, source: part.source, detail: `${when()} is outside ${describeWindows(windows)}` });
      }
    }
  }
  return [...reasons.values()];
}
