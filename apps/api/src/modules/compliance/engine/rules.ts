/**
 * The law as data. Every rule carries its citation; the engine only combines them.
 * Bump RULES_VERSION whenever a rule, a holiday calendar or a data table changes: each decision
 * records the version it was made under.
 */

export const RULES_VERSION = '2026-11-27.1';

/** [from, to) in minutes of the local day. */
export interface DailyWindow {
  from: number;
  to: number;
}

/** Index 0 = Sunday … 6 = Saturday; null = no calls that day. */
export type WeeklyWindows = readonly (DailyWindow | null)[];

export interface CallingHoursRule {
  id: string;
  jurisdiction: string;
  weekly: WeeklyWindows;
  source: string;
  /**
   * A clock the statute names explicitly ("Central Standard Time"). The window is applied on
   * that clock as well as on the called party's local clock, whichever is stricter.
   */
  alsoOnClock?: string;
}

export interface HolidayBanRule {
  id: string;
  jurisdiction: string;
  source: string;
}

export interface SameSubjectCapRule {
  id: string;
  jurisdiction: string;
  maxCallsPer24h: number;
  source: string;
}

export interface JurisdictionRules {
  jurisdiction: string;
  callingHours: CallingHoursRule;
  holidayBan?: HolidayBanRule;
  sameSubjectCap?: SameSubjectCapRule;
}

type DaySpec = `${string}-${string}` | null;
interface WeekSpec {
  sun: DaySpec;
  mon: DaySpec;
  tue: DaySpec;
  wed: DaySpec;
  thu: DaySpec;
  fri: DaySpec;
  sat: DaySpec;
}

const everyDay = (window: DaySpec): WeekSpec => ({
  sun: window,
  mon: window,
  tue: window,
  wed: window,
  thu: window,
  fri: window,
  sat: window,
});
const mondayToSaturday = (window: DaySpec): WeekSpec => ({ ...everyDay(window), sun: null });

/** "08:00" → 480; "24:00" → 1440. */
export function parseClockTime(value: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(value);
  if (!match) return null;
  const hours = Number(match[1]);
  const minutes = Number(match[2]);
  if (minutes > 59 || hours > 24 || (hours === 24 && minutes !== 0)) return null;
  return hours * 60 + minutes;
}

function parseDay(spec: DaySpec): DailyWindow | null {
  if (spec === null) return null;
  const [from, to] = spec.split('-').map(parseClockTime);
  if (from === null || to === null || from === undefined || to === undefined || from >= to) {
    throw new Error(`bad window ${spec}`);
  }
  return { from, to };
}

function weekly(spec: WeekSpec): WeeklyWindows {
  return Object.freeze([spec.sun, spec.mon, spec.tue, spec.wed, spec.thu, spec.fri, spec.sat].map(parseDay));
}

function callingHours(jurisdiction: string, spec: WeekSpec, source: string, alsoOnClock?: string): CallingHoursRule {
  return { id: `${jurisdiction}.calling_hours`, jurisdiction, weekly: weekly(spec), source, alsoOnClock };
}

const holidayBan = (jurisdiction: string, source: string): HolidayBanRule => ({
  id: `${jurisdiction}.holiday`,
  jurisdiction,
  source,
});

const sameSubjectCap = (jurisdiction: string, source: string): SameSubjectCapRule => ({
  id: `${jurisdiction}.same_subject_cap`,
  jurisdiction,
  maxCallsPer24h: 3,
  source,
});

/** Applies to every call the engine windows (US and Canadian numbers alike: we call from the US). */
export const FEDERAL_RULES: JurisdictionRules = {
  jurisdiction: 'federal',
  callingHours: callingHours('federal', everyDay('08:00-21:00'), '47 CFR 64.1200(c)(1)'),
};

/** Applies when a candidate region is a Canadian province or territory. */
export const CANADA_RULES: JurisdictionRules = {
  jurisdiction: 'crtc',
  callingHours: callingHours(
    'crtc',
    { sun: '10:00-18:00', mon: '09:00-21:30', tue: '09:00-21:30', wed: '09:00-21:30', thu: '09:00-21:30', fri: '09:00-21:30', sat: '10:00-18:00' },
    'CRTC Unsolicited Telecommunications Rules, Part III (Telemarketing Rules), calling hours',
  ),
};

const STATES: readonly JurisdictionRules[] = [
  {
    jurisdiction: 'FL',
    callingHours: callingHours('FL', everyDay('08:00-20:00'), 'Fla. Stat. § 501.616(6)(a)'),
    sameSubjectCap: sameSubjectCap('FL', 'Fla. Stat. § 501.616(6)(b)'),
  },
  {
    jurisdiction: 'OK',
    callingHours: callingHours('OK', everyDay('08:00-20:00'), 'Okla. Stat. tit. 15, § 775C.4'),
    sameSubjectCap: sameSubjectCap('OK', 'Okla. Stat. tit. 15, § 775C.4'),
  },
  {
    jurisdiction: 'MD',
    callingHours: callingHours('MD', everyDay('08:00-20:00'), 'Md. Code, Com. Law § 14-4503 (Stop the Spam Calls Act of 2023)'),
    sameSubjectCap: sameSubjectCap('MD', 'Md. Code, Com. Law § 14-4503 (Stop the Spam Calls Act of 2023)'),
  },
  {
    jurisdiction: 'WA',
    callingHours: callingHours('WA', everyDay('08:00-20:00'), 'RCW 80.36.390'),
  },
  {
    jurisdiction: 'AL',
    callingHours: callingHours('AL', mondayToSaturday('08:00-20:00'), 'Ala. Admin. Code r. 770-X-5-.17(1)(b)'),
    holidayBan: holidayBan('AL', 'Ala. Admin. Code r. 770-X-5-.17(1)(b)'),
  },
  {
    jurisdiction: 'LA',
    callingHours: callingHours(
      'LA',
      mondayToSaturday('08:00-20:00'),
      'La. R.S. 45:844.11 et seq.; LPSC General Order R-29617 (Do Not Call Program)',
    ),
    holidayBan: holidayBan('LA', 'LPSC General Order R-29617 (Do Not Call Program)'),
  },
  {
    jurisdiction: 'RI',
    callingHours: callingHours(
      'RI',
      { sun: null, mon: '09:00-18:00', tue: '09:00-18:00', wed: '09:00-18:00', thu: '09:00-18:00', fri: '09:00-18:00', sat: '10:00-17:00' },
      'R.I. Gen. Laws § 5-61-3.4',
    ),
    holidayBan: holidayBan('RI', 'R.I. Gen. Laws § 5-61-3.4'),
  },
  {
    jurisdiction: 'MS',
    // The statute states the hours in "Central Standard Time"; we honour both that clock
    // (fixed UTC−6) and the called party's local clock, so summer calls start at 9:00 CDT.
    callingHours: callingHours('MS', mondayToSaturday('08:00-20:00'), 'Miss. Code Ann. § 77-3-723(1)', 'Etc/GMT+6'),
  },
];

/** Stricter-than-federal state rules, by two-letter state. */
export const STATE_RULES: ReadonlyMap<string, JurisdictionRules> = new Map(STATES.map((rules) => [rules.jurisdiction, rules]));

/** All-party recording-consent states: the agent announces the recording. */
export const ALL_PARTY_RECORDING_STATES: ReadonlyMap<string, string> = new Map([
  ['CA', 'Cal. Penal Code § 632'],
  ['CT', 'Conn. Gen. Stat. § 52-570d'],
  ['FL', 'Fla. Stat. § 934.03'],
  ['IL', '720 ILCS 5/14-2'],
  ['MD', 'Md. Code, Cts. & Jud. Proc. § 10-402'],
  ['MA', 'Mass. Gen. Laws ch. 272, § 99'],
  ['MI', 'Mich. Comp. Laws § 750.539c'],
  ['MT', 'Mont. Code Ann. § 45-8-213'],
  ['NV', 'Nev. Rev. Stat. § 200.620'],
  ['NH', 'N.H. Rev. Stat. § 570-A:2'],
  ['PA', '18 Pa. C.S. § 5703'],
  ['WA', 'RCW 9.73.030'],
]);

export const CONSENT_SOURCE =
  'FCC 24-17 (AI-generated voices are "artificial voice"); 47 CFR 64.1200(a)(2)–(3) prior express (written) consent';
export const REVOCATION_SOURCE = '47 CFR 64.1200(a)(12) (FCC 24-24: revocation by any reasonable means)';
export const DNC_SOURCE = '47 CFR 64.1200(d) (company-specific do-not-call list)';

/** Beaker's own policies, defaults the module may override. */
export const DEFAULT_PER_NUMBER_PER_24H = 3;
export const DEFAULT_PROVIDER_CONCURRENCY = 10;
/** How far ahead the engine looks for an allowed minute before giving up with a block. */
export const SEARCH_HORIZON_DAYS = 14;
/** Retry delay when the provider is at its concurrency cap: a call ending cannot be predicted. */
export const PROVIDER_RETRY_MS = 60_000;
