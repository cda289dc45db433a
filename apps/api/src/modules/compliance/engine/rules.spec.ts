import { DateTime } from 'luxon';
import { evaluate } from './evaluate';
import { RULES_VERSION, STATE_RULES } from './rules';
import { EvaluationInput, PastCall } from './types';

/** A consented speed-to-lead call with no history: only the calling windows can refuse it. */
function callAt(to: string, local: string, zone: string, extra: Partial<EvaluationInput> = {}): EvaluationInput {
  return {
    to,
    purpose: 'speed_to_lead',
    at: DateTime.fromISO(local, { zone }).toJSDate(),
    history: { callsToNumberLast24h: [], businessCallsLastMinute: 0, providerActiveCalls: 0 },
    dnc: { onBeakerList: false, onBusinessList: false },
    consent: { present: true, revoked: false },
    ...extra,
  };
}

const localIso = (date: Date | undefined, zone: string) =>
  date && DateTime.fromJSDate(date, { zone }).toFormat("yyyy-MM-dd'T'HH:mm");

interface Row {
  name: string;
  to: string;
  local: string;
  zone: string;
  decision: 'allow' | 'defer';
  rule?: string;
  next?: string;
}

const NY = 'America/New_York';
const CHI = 'America/Chicago';
const LA_TZ = 'America/Los_Angeles';

const rows: Row[] = [
  // Federal
  { name: '47 CFR 64.1200(c)(1): no call at 9:05 pm in New York', to: '+12125550123', local: '2026-03-10T21:05', zone: NY, decision: 'defer', rule: 'federal.calling_hours', next: '2026-03-11T08:00' },
  { name: '47 CFR 64.1200(c)(1): a call at 8:59 pm in New York is allowed', to: '+12125550123', local: '2026-03-10T20:59', zone: NY, decision: 'allow' },
  { name: '47 CFR 64.1200(c)(1): no call at 7:59 am in Dallas', to: '+12145550123', local: '2026-03-10T07:59', zone: CHI, decision: 'defer', rule: 'federal.calling_hours', next: '2026-03-10T08:00' },
  // Florida
  { name: 'Fla. Stat. § 501.616(6)(a): no call at 8:30 pm in Miami', to: '+13055550123', local: '2026-07-14T20:30', zone: NY, decision: 'defer', rule: 'FL.calling_hours', next: '2026-07-15T08:00' },
  { name: 'Fla. Stat. § 501.616(6)(a): a call at 7:59 pm in Miami is allowed', to: '+13055550123', local: '2026-07-14T19:59', zone: NY, decision: 'allow' },
  { name: 'Fla. Stat. § 501.616(6)(a): Pensacola (850, Central) at 7:30 pm Central is 8:30 pm Eastern: deferred', to: '+18505550123', local: '2026-07-14T19:30', zone: CHI, decision: 'defer', rule: 'FL.calling_hours', next: '2026-07-15T08:00' },
  // Oklahoma
  { name: 'Okla. Stat. tit. 15, § 775C.4: no call at 8:15 pm in Tulsa', to: '+19185550123', local: '2026-10-06T20:15', zone: CHI, decision: 'defer', rule: 'OK.calling_hours', next: '2026-10-07T08:00' },
  { name: 'Okla. Stat. tit. 15, § 775C.4: a Sunday call at noon in Oklahoma City is allowed', to: '+14055550123', local: '2026-10-04T12:00', zone: CHI, decision: 'allow' },
  // Maryland
  { name: 'Md. Code, Com. Law § 14-4503: no call at 8:05 pm in Baltimore', to: '+14105550123', local: '2026-05-05T20:05', zone: NY, decision: 'defer', rule: 'MD.calling_hours', next: '2026-05-06T08:00' },
  // Washington
  { name: 'RCW 80.36.390: no call at 8:30 pm in Seattle', to: '+12065550123', local: '2026-02-02T20:30', zone: LA_TZ, decision: 'defer', rule: 'WA.calling_hours', next: '2026-02-03T08:00' },
  { name: 'RCW 80.36.390: a call at 7:30 pm in Seattle is allowed', to: '+12065550123', local: '2026-02-02T19:30', zone: LA_TZ, decision: 'allow' },
  // Alabama
  { name: 'Ala. Admin. Code r. 770-X-5-.17(1)(b): no call on Sunday in Birmingham', to: '+12055550123', local: '2026-03-15T12:00', zone: CHI, decision: 'defer', rule: 'AL.calling_hours', next: '2026-03-16T08:00' },
  { name: 'Ala. Admin. Code r. 770-X-5-.17(1)(b): no call at 8:30 pm on a Tuesday in Mobile', to: '+12515550123', local: '2026-03-17T20:30', zone: CHI, decision: 'defer', rule: 'AL.calling_hours', next: '2026-03-18T08:00' },
  { name: 'Ala. Admin. Code r. 770-X-5-.17(1)(b): no call on Christmas Day (a Friday); Saturday is open', to: '+12055550123', local: '2026-12-25T10:00', zone: CHI, decision: 'defer', rule: 'AL.holiday', next: '2026-12-26T08:00' },
  { name: 'Ala. Admin. Code r. 770-X-5-.17(1)(b): no call on Friday July 3, 2026 (Independence Day observed)', to: '+12565550123', local: '2026-07-03T10:00', zone: CHI, decision: 'defer', rule: 'AL.holiday', next: '2026-07-06T08:00' },
  { name: 'Ala. Admin. Code r. 770-X-5-.17(1)(b): a Saturday call at 10 am in Huntsville is allowed', to: '+12565550123', local: '2026-03-21T10:00', zone: CHI, decision: 'allow' },
  // Louisiana
  { name: 'LPSC General Order R-29617: no call on Good Friday in New Orleans', to: '+15045550123', local: '2026-04-03T11:00', zone: CHI, decision: 'defer', rule: 'LA.holiday', next: '2026-04-04T08:00' },
  { name: 'LPSC General Order R-29617: no call on Mardi Gras in Baton Rouge', to: '+12255550123', local: '2026-02-17T11:00', zone: CHI, decision: 'defer', rule: 'LA.holiday', next: '2026-02-18T08:00' },
  { name: 'La. R.S. 45:844.11 et seq.: no call on Sunday in Shreveport', to: '+13185550123', local: '2026-03-15T12:00', zone: CHI, decision: 'defer', rule: 'LA.calling_hours', next: '2026-03-16T08:00' },
  { name: 'La. R.S. 45:844.11 et seq.: no call at 8:01 pm in Lafayette', to: '+13375550123', local: '2026-03-18T20:01', zone: CHI, decision: 'defer', rule: 'LA.calling_hours', next: '2026-03-19T08:00' },
  // Rhode Island
  { name: 'R.I. Gen. Laws § 5-61-3.4: no call at 8:30 am on a weekday in Providence', to: '+14015550123', local: '2026-03-18T08:30', zone: NY, decision: 'defer', rule: 'RI.calling_hours', next: '2026-03-18T09:00' },
  { name: 'R.I. Gen. Laws § 5-61-3.4: no call at 6:15 pm on a weekday', to: '+14015550123', local: '2026-03-18T18:15', zone: NY, decision: 'defer', rule: 'RI.calling_hours', next: '2026-03-19T09:00' },
  { name: 'R.I. Gen. Laws § 5-61-3.4: no call at 9:30 am on Saturday (10 am–5 pm)', to: '+14015550123', local: '2026-03-21T09:30', zone: NY, decision: 'defer', rule: 'RI.calling_hours', next: '2026-03-21T10:00' },
  { name: 'R.I. Gen. Laws § 5-61-3.4: no call at 5:30 pm on Saturday, nor Sunday: Monday 9 am', to: '+14015550123', local: '2026-03-21T17:30', zone: NY, decision: 'defer', rule: 'RI.calling_hours', next: '2026-03-23T09:00' },
  { name: 'R.I. Gen. Laws § 5-61-3.4: no call on Victory Day', to: '+14015550123', local: '2026-08-10T12:00', zone: NY, decision: 'defer', rule: 'RI.holiday', next: '2026-08-11T09:00' },
  { name: 'R.I. Gen. Laws § 5-61-3.4: a call at 5:59 pm on a weekday is allowed', to: '+14015550123', local: '2026-03-18T17:59', zone: NY, decision: 'allow' },
  // Mississippi
  { name: 'Miss. Code Ann. § 77-3-723(1): no call on Sunday in Jackson; Monday opens at 8 am CST = 9 am CDT', to: '+16015550123', local: '2026-03-15T12:00', zone: CHI, decision: 'defer', rule: 'MS.calling_hours', next: '2026-03-16T09:00' },
  { name: 'Miss. Code Ann. § 77-3-723(1): hours are Central Standard Time, so 8:30 am CDT in July is too early', to: '+16015550123', local: '2026-07-15T08:30', zone: CHI, decision: 'defer', rule: 'MS.calling_hours', next: '2026-07-15T09:00' },
  { name: 'Miss. Code Ann. § 77-3-723(1): 8:00 am CST in January is allowed', to: '+16625550123', local: '2026-01-14T08:00', zone: CHI, decision: 'allow' },
  { name: 'Miss. Code Ann. § 77-3-723(1): no call at 8:00 pm', to: '+16625550123', local: '2026-01-14T20:00', zone: CHI, decision: 'defer', rule: 'MS.calling_hours', next: '2026-01-15T08:00' },
  // Canada
  { name: 'CRTC Telemarketing Rules: no call at 6:30 pm on Saturday in Toronto; Sunday 10 am', to: '+14165550123', local: '2026-03-21T18:30', zone: 'America/Toronto', decision: 'defer', rule: 'crtc.calling_hours', next: '2026-03-22T10:00' },
  { name: 'CRTC Telemarketing Rules: no call at 8:45 am on a weekday in Vancouver', to: '+16045550123', local: '2026-03-18T08:45', zone: 'America/Vancouver', decision: 'defer', rule: 'crtc.calling_hours', next: '2026-03-18T09:00' },
];

describe('state calling rules', () => {
  it.each(rows)('$name', ({ to, local, zone, decision, rule, next }) => {
    const evaluation = evaluate(callAt(to, local, zone));
    expect(evaluation.decision).toBe(decision);
    if (rule) expect(evaluation.reasons.map((r) => r.rule)).toContain(rule);
    else expect(evaluation.reasons).toEqual([]);
    expect(localIso(evaluation.nextAllowedAt, zone)).toBe(next);
    expect(evaluation.rulesVersion).toBe(RULES_VERSION);
  });

  it('cites a source for every state rule', () => {
    for (const rules of STATE_RULES.values()) {
      expect(rules.callingHours.source).toMatch(/\S/);
      if (rules.holidayBan) expect(rules.holidayBan.source).toMatch(/\S/);
      if (rules.sameSubjectCap) expect(rules.sameSubjectCap.source).toMatch(/\S/);
    }
  });
});

describe('same-subject caps: 3 calls per 24 h', () => {
  const hoursBefore = (at: Date, hours: number, subject?: string): PastCall => ({ at: new Date(at.getTime() - hours * 3_600_000), subject });

  it.each([
    ['Fla. Stat. § 501.616(6)(b)', '+13055550123', NY, 'FL.same_subject_cap'],
    ['Okla. Stat. tit. 15, § 775C.4', '+19185550123', CHI, 'OK.same_subject_cap'],
    ['Md. Code, Com. Law § 14-4503', '+14105550123', NY, 'MD.same_subject_cap'],
  ])('%s: a 4th call on the same subject within 24 h waits until the oldest ages out', (_source, to, zone, rule) => {
    const input = callAt(to, '2026-03-18T12:00', zone, { subject: 'lead-42', limits: { perNumberPer24h: 10 } });
    input.history = {
      ...input.history,
      callsToNumberLast24h: [hoursBefore(input.at, 22, 'lead-42'), hoursBefore(input.at, 5, 'lead-42'), hoursBefore(input.at, 1, 'lead-42')],
    };
    const evaluation = evaluate(input);
    expect(evaluation.decision).toBe('defer');
    expect(evaluation.reasons.map((r) => r.rule)).toEqual([rule]);
    expect(localIso(evaluation.nextAllowedAt, zone)).toBe('2026-03-18T14:00');
  });

  it('Fla. Stat. § 501.616(6)(b): calls on another subject do not count', () => {
    const input = callAt('+13055550123', '2026-03-18T12:00', NY, { subject: 'lead-42', limits: { perNumberPer24h: 10 } });
    input.history = {
      ...input.history,
      callsToNumberLast24h: [hoursBefore(input.at, 22, 'lead-7'), hoursBefore(input.at, 5, 'lead-7'), hoursBefore(input.at, 1, 'lead-7')],
    };
    expect(evaluate(input).decision).toBe('allow');
  });

  it('Fla. Stat. § 501.616(6)(b): a past call without a subject counts as the same subject', () => {
    const input = callAt('+13055550123', '2026-03-18T12:00', NY, { subject: 'lead-42', limits: { perNumberPer24h: 10 } });
    input.history = {
      ...input.history,
      callsToNumberLast24h: [hoursBefore(input.at, 22), hoursBefore(input.at, 5, 'lead-42'), hoursBefore(input.at, 1, 'lead-42')],
    };
    expect(evaluate(input).reasons.map((r) => r.rule)).toEqual(['FL.same_subject_cap']);
  });

  it('does not cap same-subject calls in a state without such a rule (Texas)', () => {
    const input = callAt('+12145550123', '2026-03-18T12:00', CHI, { subject: 'lead-42', limits: { perNumberPer24h: 10 } });
    input.history = {
      ...input.history,
      callsToNumberLast24h: [hoursBefore(input.at, 22, 'lead-42'), hoursBefore(input.at, 5, 'lead-42'), hoursBefore(input.at, 1, 'lead-42')],
    };
    expect(evaluate(input).decision).toBe('allow');
  });
});
