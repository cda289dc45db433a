import assert from 'node:assert/strict';
import fc from 'fast-check';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import { DateTime } from 'luxon';
import { epochDay, isoDate } from './calendar';
import { AREA_CODES, CANADIAN_REGIONS } from './data/area-codes';
import { evaluate } from './evaluate';
import { holidaysIn } from './holidays';
import { Evaluation, EvaluationInput, PastCall, Weekday, WeeklyHours } from './types';

/**
 * Properties of `evaluate` over random (number, instant) pairs, checked against an oracle that
 * restates the law independently and reads local time with luxon directly (not the engine's
 * offset tables). Instants are biased around DST switches and state holidays.
 * numRuns: 40,000 + 20,000 + 20,000 + 10,000 + 10,000 = 100,000.
 */

const MINUTE = 60_000;
const DAY = 86_400_000;
const h = (hours: number, minutes = 0) => hours * 60 + minutes;

/** The law, restated: weekday 1 = Monday … 7 = Sunday (luxon); null = no calls that day. */
const EXPECTED_WINDOWS: Record<string, (weekday: number) => [number, number] | null> = {
  federal: () => [h(8), h(21)],
  crtc: (weekday) => (weekday <= 5 ? [h(9), h(21, 30)] : [h(10), h(18)]),
  FL: () => [h(8), h(20)],
  OK: () => [h(8), h(20)],
  MD: () => [h(8), h(20)],
  WA: () => [h(8), h(20)],
  AL: (weekday) => (weekday === 7 ? null : [h(8), h(20)]),
  LA: (weekday) => (weekday === 7 ? null : [h(8), h(20)]),
  MS: (weekday) => (weekday === 7 ? null : [h(8), h(20)]),
  RI: (weekday) => (weekday === 7 ? null : weekday === 6 ? [h(10), h(17)] : [h(9), h(18)]),
};
const STRICT_STATES = Object.keys(EXPECTED_WINDOWS).filter((j) => j !== 'federal' && j !== 'crtc');
const HOLIDAY_STATES = new Set(['AL', 'LA', 'RI']);
const WEEKDAY_KEYS: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

const holidayDays = new Map<string, Set<number>>();
function isStateHoliday(state: string, local: DateTime): boolean {
  const key = `${state}:${local.year}`;
  let days = holidayDays.get(key);
  if (!days) holidayDays.set(key, (days = new Set(holidaysIn(state, local.year).map((o) => o.day))));
  return days.has(epochDay(local.year, local.month, local.day));
}

const inside = (window: [number, number] | null, minute: number) => window !== null && minute >= window[0] && minute < window[1];

function withinBusinessHours(hours: WeeklyHours, local: DateTime): boolean {
  const minute = local.hour * 60 + local.minute;
  const windows = hours[WEEKDAY_KEYS[local.weekday - 1]] ?? [];
  return windows.some(({ from, to }) => {
    const [fh, fm] = from.split(':').map(Number);
    const [th, tm] = to.split(':').map(Number);
    return minute >= fh * 60 + fm && minute < th * 60 + tm;
  });
}

/** Whether the law (and the business's hours) allow a call during the minute containing `instant`. */
function oracleAllows(instant: number, evaluation: Evaluation, input: EvaluationInput): boolean {
  const minuteStart = Math.floor(instant / MINUTE) * MINUTE;
  const { known, states, timezones } = evaluation.location;
  const candidates = known ? states : [...states, ...STRICT_STATES];
  const jurisdictions = [
    'federal',
    ...(candidates.some((s) => CANADIAN_REGIONS.has(s)) ? ['crtc'] : []),
    ...candidates.filter((s) => s in EXPECTED_WINDOWS),
  ];
  const hours = input.business?.hours;
  for (const zone of timezones) {
    const local = DateTime.fromMillis(minuteStart, { zone });
    const minute = local.hour * 60 + local.minute;
    for (const jurisdiction of jurisdictions) {
      if (!inside(EXPECTED_WINDOWS[jurisdiction](local.weekday), minute)) return false;
      if (HOLIDAY_STATES.has(jurisdiction) && isStateHoliday(jurisdiction, local)) return false;
    }
    if (hours && !input.business?.timezone && !withinBusinessHours(hours, local)) return false;
  }
  if (jurisdictions.includes('MS')) {
    // "Central Standard Time" read literally: fixed UTC−6.
    const cst = DateTime.fromMillis(minuteStart, { zone: 'UTC-6' });
    if (!inside(EXPECTED_WINDOWS.MS(cst.weekday), cst.hour * 60 + cst.minute)) return false;
  }
  if (hours && input.business?.timezone) {
    if (!withinBusinessHours(hours, DateTime.fromMillis(minuteStart, { zone: input.business.timezone }))) return false;
  }
  return true;
}

function baseInput(to: string, at: number, extra: Partial<EvaluationInput> = {}): EvaluationInput {
  return {
    to,
    purpose: 'speed_to_lead',
    at: new Date(at),
    history: { callsToNumberLast24h: [], businessCallsLastMinute: 0, providerActiveCalls: 0 },
    dnc: { onBeakerList: false, onBusinessList: false },
    consent: { present: true, revoked: false },
    ...extra,
  };
}

/** Describes the case in a failure message; fast-check adds the counterexample. */
const describeCase = (input: EvaluationInput, evaluation: Evaluation) =>
  `${input.to} at ${input.at.toISOString()} → ${JSON.stringify(evaluation)}`;

/**
 * The core claims, for an input whose only possible refusals are windows (and `notBefore`):
 * allow ⟺ the oracle allows; a defer names a whole minute that is allowed, re-evaluates to
 * allow, and is the earliest such minute at or after max(at, notBefore).
 * Uses node:assert: jest's `expect` captures a stack trace per call, too slow for 100,000 runs.
 */
function checkDecision(input: EvaluationInput, probe: number, notBefore = -Infinity): void {
  const at = input.at.getTime();
  const evaluation = evaluate(input);
  const about = () => describeCase(input, evaluation);
  const earliest = Math.ceil(Math.max(at, notBefore) / MINUTE) * MINUTE;
  const allowedNow = notBefore <= at && oracleAllows(at, evaluation, input);

  if (evaluation.decision === 'allow') {
    assert.ok(allowedNow, `allowed outside the windows: ${about()}`);
    assert.deepEqual(evaluation.reasons, []);
    return;
  }
  assert.ok(!allowedNow, `refused inside the windows: ${about()}`);
  assert.ok(evaluation.reasons.length > 0, `refused without a reason: ${about()}`);

  if (evaluation.decision === 'block') {
    // Only when nothing is allowed within the 14-day horizon: spot-check every 30 minutes.
    assert.ok(evaluation.reasons.some((r) => r.rule === 'window.none_within_horizon'), `unexpected block: ${about()}`);
    for (let t = earliest; t < at + 14 * DAY; t += 30 * MINUTE) {
      assert.ok(!oracleAllows(t, evaluation, input), `blocked but ${new Date(t).toISOString()} is allowed: ${about()}`);
    }
    return;
  }

  const next = evaluation.nextAllowedAt?.getTime() as number;
  assert.equal(next % MINUTE, 0, `not a whole minute: ${about()}`);
  assert.ok(next >= earliest, `earlier than allowed: ${about()}`);
  assert.ok(oracleAllows(next, evaluation, input), `nextAllowedAt is not allowed: ${about()}`);
  assert.equal(evaluate({ ...input, at: new Date(next) }).decision, 'allow', `nextAllowedAt re-evaluates to a refusal: ${about()}`);
  if (next - MINUTE >= earliest) {
    assert.ok(!oracleAllows(next - MINUTE, evaluation, input), `the minute before nextAllowedAt is allowed: ${about()}`);
    // A minute in between must be refused too (a cheap partial sweep; `probe` is random).
    const t = earliest + Math.floor(((next - earliest) / MINUTE) * probe) * MINUTE;
    assert.ok(!oracleAllows(t, evaluation, input), `${new Date(t).toISOString()} was skipped: ${about()}`);
  }
}

// ---- generators -------------------------------------------------------------------------

const US_CODES = [...AREA_CODES].filter(([, entry]) => entry.country === 'US').map(([code]) => code);
const STRICT_CODES = [...AREA_CODES].filter(([, e]) => e.regions.some((r) => STRICT_STATES.includes(r))).map(([code]) => code);
const ALL_CODES = [...AREA_CODES.keys(), '800', '888', '500'];
const REGIONS = [...new Set([...AREA_CODES.values()].flatMap((e) => e.regions))];
const ZIPS = ['94107', '33101', '02903', '35203', '70112', '98101', '10001', '73102', '39201', '99501', '96813', 'K1A 0B1', 'V6B 1A1', '00901', 'junk'];
const US_ZONES = [
  'America/New_York', 'America/Detroit', 'America/Indiana/Indianapolis', 'America/Chicago', 'America/Menominee',
  'America/Denver', 'America/Boise', 'America/Phoenix', 'America/Los_Angeles', 'America/Anchorage', 'America/Adak',
  'Pacific/Honolulu',
];

/**
 * Valid numbers only (libphonenumber rejects some exchanges of brand-new overlays, 983-6XX).
 * A few subscriber numbers per area code: the subscriber part never changes the rules, and a
 * small set keeps the parsing cost out of the run time.
 */
const SUBSCRIBERS = [2_345_678, 5_550_123, 7_654_321, 9_120_456];
const number = (codes: readonly string[]) =>
  fc
    .tuple(fc.constantFrom(...codes), fc.constantFrom(...SUBSCRIBERS))
    .map(([code, subscriber]) => `+1${code}${subscriber}`)
    .filter(isValidNumber);
const validity = new Map<string, boolean>();
function isValidNumber(to: string): boolean {
  let valid = validity.get(to);
  if (valid === undefined) validity.set(to, (valid = parsePhoneNumberFromString(to)?.isValid() === true));
  return valid;
}

const FROM = Date.UTC(2024, 0, 1);
const TO = Date.UTC(2032, 0, 1);
const uniformInstant = fc.integer({ min: FROM, max: TO - 1 });

function nthSundayUtc(year: number, month: number, n: number): number {
  const first = new Date(Date.UTC(year, month - 1, 1));
  return Date.UTC(year, month - 1, 1 + ((7 - first.getUTCDay()) % 7) + (n - 1) * 7);
}
/** Within three days of a US DST switch (second Sunday of March, first Sunday of November). */
const dstInstant = fc
  .tuple(fc.integer({ min: 2024, max: 2031 }), fc.boolean(), fc.integer({ min: -72 * 60, max: 72 * 60 }), fc.integer({ min: 0, max: MINUTE - 1 }))
  .map(([year, spring, minutes, ms]) => (spring ? nthSundayUtc(year, 3, 2) : nthSundayUtc(year, 11, 1)) + 9 * 3_600_000 + minutes * MINUTE + ms);

/** Where, between `at` and `nextAllowedAt`, to probe for a wrongly skipped minute. */
const probe = fc.integer({ min: 0, max: 999 }).map((n) => n / 1000);

const instant = fc.oneof({ arbitrary: uniformInstant, weight: 2 }, { arbitrary: dstInstant, weight: 2 });

/** A minute on a state holiday (or a Sunday) in Central or Eastern local time. */
const holidayInstant = fc
  .tuple(fc.constantFrom('AL', 'LA', 'RI'), fc.integer({ min: 2024, max: 2031 }), fc.nat(), fc.integer({ min: 0, max: 1439 }), fc.constantFrom('America/Chicago', 'America/New_York'))
  .map(([state, year, pick, minute, zone]) => {
    const days = holidaysIn(state, year).map((o) => o.day);
    const day = days[pick % days.length];
    return DateTime.fromISO(`${isoDate(day)}T00:00`, { zone }).plus({ minutes: minute }).toMillis();
  });

const clock = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`;
const openingWindow = fc
  .tuple(fc.integer({ min: 0, max: 1440 }), fc.integer({ min: 0, max: 1440 }))
  .filter(([a, b]) => a !== b)
  .map(([a, b]) => ({ from: clock(Math.min(a, b)), to: clock(Math.max(a, b)) }));
const weeklyHours: fc.Arbitrary<WeeklyHours> = fc.record(
  Object.fromEntries(WEEKDAY_KEYS.map((day) => [day, fc.array(openingWindow, { minLength: 1, maxLength: 2 })])) as Record<Weekday, fc.Arbitrary<{ from: string; to: string }[]>>,
  { requiredKeys: [] },
);

// ---- properties -------------------------------------------------------------------------

describe('evaluate: properties over random numbers and instants', () => {
  it('the US area codes exercise every US time zone', () => {
    const zones = new Set(US_CODES.flatMap((code) => AREA_CODES.get(code)?.timezones ?? []));
    expect(US_ZONES.filter((zone) => !zones.has(zone))).toEqual([]);
  });

  it('US numbers: allow exactly inside every window of every candidate zone; defers name the earliest allowed minute', () => {
    fc.assert(
      fc.property(number(US_CODES), instant, fc.constantFrom('speed_to_lead', 'follow_up', 'inbound_callback') as fc.Arbitrary<EvaluationInput['purpose']>, probe, (to, at, purpose, p) => {
        checkDecision(baseInput(to, at, { purpose }), p);
      }),
      { numRuns: 40_000 },
    );
  });

  it('any number with lead state and ZIP hints (Canada, unknown area codes): the stricter intersection holds', () => {
    fc.assert(
      fc.property(number(ALL_CODES), instant, fc.option(fc.constantFrom(...REGIONS)), fc.option(fc.constantFrom(...ZIPS)), probe, (to, at, state, zip, p) => {
        checkDecision(baseInput(to, at, { lead: { state: state ?? undefined, zip: zip ?? undefined } }), p);
      }),
      { numRuns: 20_000 },
    );
  });

  it('business hours (any zone, any windows, across DST gaps) only ever narrow the windows', () => {
    fc.assert(
      fc.property(number(US_CODES), instant, weeklyHours, fc.option(fc.constantFrom(...US_ZONES)), probe, (to, at, hours, timezone, p) => {
        checkDecision(baseInput(to, at, { business: { hours, timezone: timezone ?? undefined } }), p);
      }),
      { numRuns: 20_000 },
    );
  });

  it('state holidays and Sunday bans are respected (AL, LA, RI, MS numbers)', () => {
    const sunday = fc
      .tuple(uniformInstant, fc.integer({ min: 0, max: 1439 }))
      .map(([t, minute]) => DateTime.fromMillis(t, { zone: 'America/Chicago' }).startOf('week').plus({ days: 6, minutes: minute }).toMillis());
    fc.assert(
      fc.property(number(STRICT_CODES), fc.oneof(holidayInstant, sunday, instant), probe, (to, at, p) => {
        const input = baseInput(to, at);
        checkDecision(input, p);
        const evaluation = evaluate(input);
        const banned = evaluation.location.states.filter((s) => ['AL', 'LA', 'RI', 'MS'].includes(s));
        for (const zone of evaluation.location.timezones) {
          for (const t of [at, evaluation.nextAllowedAt?.getTime()]) {
            if (t === undefined || (t === at && evaluation.decision !== 'allow')) continue;
            const local = DateTime.fromMillis(t, { zone });
            if (banned.length > 0) assert.notEqual(local.weekday, 7, `a Sunday call: ${describeCase(input, evaluation)}`);
            for (const state of banned.filter((s) => HOLIDAY_STATES.has(s))) {
              assert.ok(!isStateHoliday(state, local), `a ${state} holiday call: ${describeCase(input, evaluation)}`);
            }
          }
        }
      }),
      { numRuns: 10_000 },
    );
  });

  it('velocity defers land on the first allowed minute after the cap frees up', () => {
    const pastCall = (at: number) =>
      fc.tuple(fc.integer({ min: 0, max: 30 * 60 }), fc.constantFrom('lead-1', 'lead-2', undefined)).map(([minutesAgo, subject]): PastCall => ({ at: new Date(at - minutesAgo * MINUTE), subject }));
    const scenario = fc
      .tuple(number(US_CODES), instant, fc.integer({ min: 1, max: 5 }))
      .chain(([to, at, cap]) => fc.tuple(fc.constant(to), fc.constant(at), fc.constant(cap), fc.array(pastCall(at), { maxLength: 6 })));
    fc.assert(
      fc.property(scenario, probe, ([to, at, cap, calls], p) => {
        const input = baseInput(to, at, { subject: 'lead-1', limits: { perNumberPer24h: cap }, history: { callsToNumberLast24h: calls, businessCallsLastMinute: 0, providerActiveCalls: 0 } });
        // The caps, restated: a call counts while it is less than 24 h old.
        const recent = calls.map((c) => ({ t: c.at.getTime(), subject: c.subject })).filter((c) => c.t > at - DAY);
        const freesAt = (times: number[], limit: number) => (times.length >= limit ? times.sort((a, b) => a - b)[times.length - limit] + DAY : -Infinity);
        let notBefore = freesAt(recent.map((c) => c.t), cap);
        const states = evaluate(input).location.states;
        if (states.some((s) => ['FL', 'OK', 'MD'].includes(s))) {
          const sameSubject = recent.filter((c) => c.subject === undefined || c.subject === 'lead-1').map((c) => c.t);
          notBefore = Math.max(notBefore, freesAt(sameSubject, 3));
        }
        checkDecision(input, p, notBefore);
      }),
      { numRuns: 10_000 },
    );
  });
});
