import { DateTime } from 'luxon';
import { evaluate } from './evaluate';
import { RULES_VERSION } from './rules';
import { CallPurpose, EvaluationInput } from './types';

const NY = 'America/New_York';
const CHI = 'America/Chicago';

const localDate = (local: string, zone: string) => DateTime.fromISO(local, { zone }).toJSDate();
const localIso = (date: Date | undefined, zone: string) =>
  date && DateTime.fromJSDate(date, { zone }).toFormat("yyyy-MM-dd'T'HH:mm:ss");

/** A consented call to a New York number on a Wednesday at noon: allowed unless a test changes it. */
function input(overrides: Partial<EvaluationInput> = {}): EvaluationInput {
  return {
    to: '+12125550123',
    purpose: 'speed_to_lead',
    at: localDate('2026-03-18T12:00', NY),
    history: { callsToNumberLast24h: [], businessCallsLastMinute: 0, providerActiveCalls: 0 },
    dnc: { onBeakerList: false, onBusinessList: false },
    consent: { present: true, revoked: false },
    ...overrides,
  };
}

const rules = (evaluation: ReturnType<typeof evaluate>) => evaluation.reasons.map((r) => r.rule);

it('allows a consented call inside every window, with no reasons', () => {
  const evaluation = evaluate(input());
  expect(evaluation).toEqual({
    decision: 'allow',
    reasons: [],
    recordingDisclosure: false,
    rulesVersion: RULES_VERSION,
    location: { known: true, states: ['NY'], timezones: [NY] },
  });
});

describe('do-not-call lists', () => {
  it.each<CallPurpose>(['speed_to_lead', 'follow_up', 'inbound_callback', 'trial_demo'])(
    "blocks a %s call to a number on Beaker's list",
    (purpose) => {
      const evaluation = evaluate(input({ purpose, dnc: { onBeakerList: true, onBusinessList: false } }));
      expect(evaluation.decision).toBe('block');
      expect(rules(evaluation)).toEqual(['dnc.beaker']);
      expect(evaluation.reasons[0].source).toContain('64.1200(d)');
      expect(evaluation.nextAllowedAt).toBeUndefined();
    },
  );

  it("blocks a call to a number on the business's list, even at night (block wins over defer)", () => {
    const evaluation = evaluate(input({ at: localDate('2026-03-18T23:00', NY), dnc: { onBeakerList: false, onBusinessList: true } }));
    expect(evaluation.decision).toBe('block');
    expect(rules(evaluation)).toEqual(['dnc.business']);
  });
});

describe('consent (FCC 24-17: an AI voice is an artificial voice)', () => {
  it.each<CallPurpose>(['speed_to_lead', 'follow_up'])('blocks a %s call without consent on file', (purpose) => {
    for (const consent of [undefined, { present: false, revoked: false }]) {
      const evaluation = evaluate(input({ purpose, consent }));
      expect(evaluation.decision).toBe('block');
      expect(rules(evaluation)).toEqual(['consent.missing']);
      expect(evaluation.reasons[0].source).toContain('FCC 24-17');
      expect(evaluation.reasons[0].source).toContain('47 CFR 64.1200');
    }
  });

  it.each<CallPurpose>(['speed_to_lead', 'follow_up', 'inbound_callback', 'trial_demo'])('blocks a %s call after consent was revoked', (purpose) => {
    const evaluation = evaluate(input({ purpose, consent: { present: true, revoked: true } }));
    expect(evaluation.decision).toBe('block');
    expect(rules(evaluation)).toEqual(['consent.revoked']);
  });

  it.each<CallPurpose>(['inbound_callback', 'trial_demo'])('allows a %s call without written consent (the person asked for it)', (purpose) => {
    expect(evaluate(input({ purpose, consent: undefined })).decision).toBe('allow');
  });

  it('reports every blocking reason at once', () => {
    const evaluation = evaluate(input({ consent: undefined, dnc: { onBeakerList: true, onBusinessList: true } }));
    expect(rules(evaluation)).toEqual(['dnc.beaker', 'dnc.business', 'consent.missing']);
  });
});

describe('velocity', () => {
  const at = localDate('2026-03-18T12:00', NY);
  const ago = (minutes: number, subject?: string) => ({ at: new Date(at.getTime() - minutes * 60_000), subject });

  it('defers the 4th call to a number in 24 h until the oldest call ages out', () => {
    const evaluation = evaluate(input({ at, history: { callsToNumberLast24h: [ago(23 * 60), ago(300), ago(60)], businessCallsLastMinute: 0, providerActiveCalls: 0 } }));
    expect(evaluation.decision).toBe('defer');
    expect(rules(evaluation)).toEqual(['velocity.per_number_24h']);
    expect(localIso(evaluation.nextAllowedAt, NY)).toBe('2026-03-18T13:00:00');
  });

  it('ignores calls older than 24 h', () => {
    const evaluation = evaluate(input({ at, history: { callsToNumberLast24h: [ago(24 * 60), ago(25 * 60), ago(60)], businessCallsLastMinute: 0, providerActiveCalls: 0 } }));
    expect(evaluation.decision).toBe('allow');
  });

  it('rounds an aging-out instant up to the next whole minute', () => {
    const oldest = { at: new Date(at.getTime() - 23 * 3_600_000 + 30_000) };
    const evaluation = evaluate(input({ at, history: { callsToNumberLast24h: [oldest, ago(10), ago(5)], businessCallsLastMinute: 0, providerActiveCalls: 0 } }));
    expect(localIso(evaluation.nextAllowedAt, NY)).toBe('2026-03-18T13:01:00');
  });

  it('honours a business-specific per-number cap', () => {
    const evaluation = evaluate(input({ at, limits: { perNumberPer24h: 1 }, history: { callsToNumberLast24h: [ago(120)], businessCallsLastMinute: 0, providerActiveCalls: 0 } }));
    expect(localIso(evaluation.nextAllowedAt, NY)).toBe('2026-03-19T10:00:00');
  });

  it('moves a freed slot that falls outside the window to the next window', () => {
    const evening = localDate('2026-03-18T20:30', NY);
    const history = { callsToNumberLast24h: [{ at: localDate('2026-03-17T21:00', NY) }, { at: evening }, { at: evening }], businessCallsLastMinute: 0, providerActiveCalls: 0 };
    const evaluation = evaluate(input({ at: evening, history }));
    expect(rules(evaluation)).toEqual(['velocity.per_number_24h']);
    expect(localIso(evaluation.nextAllowedAt, NY)).toBe('2026-03-19T08:00:00');
  });

  it("defers past the business's per-minute cap to the next minute", () => {
    const atWithSeconds = new Date(at.getTime() + 20_000);
    const evaluation = evaluate(input({ at: atWithSeconds, business: { maxCallsPerMinute: 5 }, history: { callsToNumberLast24h: [], businessCallsLastMinute: 5, providerActiveCalls: 0 } }));
    expect(evaluation.decision).toBe('defer');
    expect(rules(evaluation)).toEqual(['velocity.business_per_minute']);
    expect(localIso(evaluation.nextAllowedAt, NY)).toBe('2026-03-18T12:02:00');
  });

  it('retries in a minute when the voice provider is at its concurrency limit', () => {
    const evaluation = evaluate(input({ at, history: { callsToNumberLast24h: [], businessCallsLastMinute: 0, providerActiveCalls: 10 } }));
    expect(rules(evaluation)).toEqual(['velocity.provider_concurrency']);
    expect(localIso(evaluation.nextAllowedAt, NY)).toBe('2026-03-18T12:01:00');
    expect(evaluate(input({ at, limits: { providerConcurrency: 20 }, history: { callsToNumberLast24h: [], businessCallsLastMinute: 0, providerActiveCalls: 10 } })).decision).toBe('allow');
  });

  it('counts calls dated after `at` (clock skew) and blocks when the cap frees only beyond 14 days', () => {
    const later = { at: new Date(at.getTime() + 20 * 86_400_000) };
    const evaluation = evaluate(input({ at, purpose: 'trial_demo', limits: { perNumberPer24h: 1 }, history: { callsToNumberLast24h: [later], businessCallsLastMinute: 0, providerActiveCalls: 0 } }));
    expect(evaluation.decision).toBe('block');
    expect(rules(evaluation)).toEqual(['velocity.per_number_24h', 'window.none_within_horizon']);
  });

  it('waits for the latest of several caps', () => {
    const history = { callsToNumberLast24h: [ago(23 * 60 + 30), ago(300), ago(60)], businessCallsLastMinute: 9, providerActiveCalls: 12 };
    const evaluation = evaluate(input({ at, business: { maxCallsPerMinute: 9 }, history }));
    expect(rules(evaluation)).toEqual(['velocity.per_number_24h', 'velocity.business_per_minute', 'velocity.provider_concurrency']);
    expect(localIso(evaluation.nextAllowedAt, NY)).toBe('2026-03-18T12:30:00');
  });
});

describe('trial_demo: the prospect asked to be called now', () => {
  it('is not bound by calling windows, days or holidays', () => {
    for (const [to, local, zone] of [
      ['+12125550123', '2026-03-18T23:30', NY],
      ['+14015550123', '2026-03-22T07:00', NY],
      ['+12055550123', '2026-12-25T22:00', CHI],
    ]) {
      expect(evaluate(input({ to, purpose: 'trial_demo', consent: undefined, at: localDate(local, zone) })).decision).toBe('allow');
    }
  });

  it('is still bound by velocity, and then not by windows either', () => {
    const at = localDate('2026-03-18T23:30', NY);
    const evaluation = evaluate(input({ purpose: 'trial_demo', at, history: { callsToNumberLast24h: [], businessCallsLastMinute: 0, providerActiveCalls: 10 } }));
    expect(evaluation.decision).toBe('defer');
    expect(localIso(evaluation.nextAllowedAt, NY)).toBe('2026-03-18T23:31:00');
  });

  it('ignores business hours', () => {
    const business = { timezone: NY, hours: { mon: [{ from: '09:00', to: '10:00' }] } };
    expect(evaluate(input({ purpose: 'trial_demo', business })).decision).toBe('allow');
  });
});

describe('business hours only narrow the law', () => {
  it('cannot open earlier than the law: 6 am hours still wait for 8 am', () => {
    const business = { timezone: NY, hours: { wed: [{ from: '06:00', to: '23:00' }] } };
    const evaluation = evaluate(input({ at: localDate('2026-03-18T07:30', NY), business }));
    expect(rules(evaluation)).toEqual(['federal.calling_hours']);
    expect(localIso(evaluation.nextAllowedAt, NY)).toBe('2026-03-18T08:00:00');
  });

  it('cannot close later than the law: 11 pm hours still stop at 9 pm', () => {
    const business = { timezone: NY, hours: { wed: [{ from: '06:00', to: '23:00' }], thu: [{ from: '06:00', to: '23:00' }] } };
    const evaluation = evaluate(input({ at: localDate('2026-03-18T21:30', NY), business }));
    expect(localIso(evaluation.nextAllowedAt, NY)).toBe('2026-03-19T08:00:00');
  });

  it("narrows to the business's hours on the business's clock", () => {
    // 10:00 in New York is 8:00 in Denver; the business opens at 9:00 Denver time.
    const business = { timezone: 'America/Denver', hours: { wed: [{ from: '09:00', to: '17:00' }] } };
    const evaluation = evaluate(input({ at: localDate('2026-03-18T10:00', NY), business }));
    expect(rules(evaluation)).toEqual(['business.hours']);
    expect(localIso(evaluation.nextAllowedAt, NY)).toBe('2026-03-18T11:00:00');
  });

  it("reads hours without a zone on the called party's clock", () => {
    const business = { hours: { wed: [{ from: '13:00', to: '17:00' }] } };
    const evaluation = evaluate(input({ at: localDate('2026-03-18T12:00', NY), business }));
    expect(localIso(evaluation.nextAllowedAt, NY)).toBe('2026-03-18T13:00:00');
  });

  it('skips closed days and a lunch break', () => {
    const business = { timezone: NY, hours: { fri: [{ from: '09:00', to: '12:00' }, { from: '13:30', to: '17:00' }] } };
    const evaluation = evaluate(input({ at: localDate('2026-03-18T12:00', NY), business }));
    expect(localIso(evaluation.nextAllowedAt, NY)).toBe('2026-03-20T09:00:00');
    const lunch = evaluate(input({ at: localDate('2026-03-20T12:15', NY), business }));
    expect(localIso(lunch.nextAllowedAt, NY)).toBe('2026-03-20T13:30:00');
  });

  it('blocks when the hours never meet the law within 14 days', () => {
    const business = { timezone: NY, hours: { sun: [{ from: '00:00', to: '07:00' }] } };
    const evaluation = evaluate(input({ business }));
    expect(evaluation.decision).toBe('block');
    expect(rules(evaluation)).toContain('window.none_within_horizon');
    expect(evaluation.nextAllowedAt).toBeUndefined();
  });

  it('blocks on malformed hours or zone rather than guessing', () => {
    expect(rules(evaluate(input({ business: { hours: { wed: [{ from: '17:00', to: '09:00' }] } } })))).toEqual(['input.invalid']);
    expect(rules(evaluate(input({ business: { hours: { wed: [{ from: '9am', to: '17:00' }] } } })))).toEqual(['input.invalid']);
    expect(rules(evaluate(input({ business: { timezone: 'Mars/Olympus', hours: { wed: [{ from: '09:00', to: '17:00' }] } } })))).toEqual(['input.invalid']);
  });
});

describe('where the called party is', () => {
  it('takes the intersection of the zones of a split area code (850: Central and Eastern)', () => {
    // 7:30 am Central = 8:30 am Eastern: the Central half is not yet at 8 am.
    const evaluation = evaluate(input({ to: '+18505550123', at: localDate('2026-03-18T07:30', CHI) }));
    expect(evaluation.location.timezones).toEqual([CHI, NY]);
    expect(evaluation.decision).toBe('defer');
    expect(localIso(evaluation.nextAllowedAt, CHI)).toBe('2026-03-18T08:00:00');
  });

  it('obeys both the area code and a lead state elsewhere (NY number, California lead)', () => {
    const evaluation = evaluate(input({ at: localDate('2026-03-18T09:00', NY), lead: { state: 'CA' } }));
    expect(evaluation.location).toEqual({ known: true, states: ['CA', 'NY'], timezones: ['America/Los_Angeles', NY] });
    expect(localIso(evaluation.nextAllowedAt, NY)).toBe('2026-03-18T11:00:00');
    expect(evaluation.recordingDisclosure).toBe(true);
  });

  it("applies a stricter lead state's rules (NY number, Florida lead at 8:30 pm)", () => {
    const evaluation = evaluate(input({ at: localDate('2026-03-18T20:30', NY), lead: { state: 'FL' } }));
    expect(rules(evaluation)).toEqual(['FL.calling_hours']);
  });

  it("applies the state of the lead's ZIP (Rhode Island ZIP: no Sunday calls)", () => {
    const sunday = localDate('2026-03-22T12:00', NY);
    expect(evaluate(input({ at: sunday })).decision).toBe('allow');
    const evaluation = evaluate(input({ at: sunday, lead: { zip: '02903' } }));
    expect(rules(evaluation)).toEqual(['RI.calling_hours']);
    expect(localIso(evaluation.nextAllowedAt, NY)).toBe('2026-03-23T09:00:00');
  });

  it('is most conservative when the area code says nothing (toll-free)', () => {
    const evaluation = evaluate(input({ to: '+18005550123', at: localDate('2026-03-18T10:00', NY) }));
    expect(evaluation.location.known).toBe(false);
    expect(evaluation.recordingDisclosure).toBe(true);
    // Rhode Island's 9 am in Los Angeles is noon in New York.
    expect(localIso(evaluation.nextAllowedAt, NY)).toBe('2026-03-18T12:00:00');
  });

  it('is DST-correct on the day clocks spring forward', () => {
    // 2026-03-08: 7:30 am EDT is 11:30 UTC; 8:00 EDT is 12:00 UTC (not 13:00 as in winter).
    const evaluation = evaluate(input({ at: new Date('2026-03-08T11:30:00Z') }));
    expect(evaluation.nextAllowedAt?.toISOString()).toBe('2026-03-08T12:00:00.000Z');
    const fallBack = evaluate(input({ at: new Date('2026-11-01T12:30:00Z') }));
    expect(fallBack.nextAllowedAt?.toISOString()).toBe('2026-11-01T13:00:00.000Z');
  });

  it('blocks invalid and out-of-scope numbers', () => {
    expect(rules(evaluate(input({ to: '+1212555012' })))).toEqual(['number.invalid']);
    expect(rules(evaluate(input({ to: '+442071838750' })))).toEqual(['number.out_of_scope']);
    expect(evaluate(input({ to: '+442071838750' })).recordingDisclosure).toBe(true);
  });
});

describe('recording disclosure (all-party consent states)', () => {
  it.each([
    ['+14155550123', undefined, true],
    ['+13055550123', undefined, true],
    ['+12175550123', undefined, true],
    ['+12125550123', undefined, false],
    ['+12145550123', undefined, false],
    ['+12145550123', { state: 'PA' }, true],
    ['+12145550123', { zip: '98101' }, true],
    ['+14165550123', undefined, false],
    ['+18885550123', undefined, true],
  ])('%s with lead %j → %s', (to, lead, expected) => {
    expect(evaluate(input({ to, lead })).recordingDisclosure).toBe(expected);
  });
});

describe('input checks', () => {
  it('blocks an invalid instant', () => {
    expect(rules(evaluate(input({ at: new Date('nope') })))).toEqual(['input.invalid']);
  });

  it('blocks non-positive caps', () => {
    expect(rules(evaluate(input({ limits: { perNumberPer24h: 0 } })))).toEqual(['input.invalid']);
    expect(rules(evaluate(input({ business: { maxCallsPerMinute: 1.5 } })))).toEqual(['input.invalid']);
  });

  it('returns the same answer for the same input (no hidden clock)', () => {
    const call = input({ at: localDate('2026-03-18T22:00', NY) });
    expect(evaluate(call)).toEqual(evaluate(call));
  });
});
