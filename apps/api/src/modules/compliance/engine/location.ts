import { parsePhoneNumberFromString } from 'libphonenumber-js';
import {
  AREA_CODES,
  CANADIAN_REGIONS,
  REGION_TIMEZONES,
  UNKNOWN_CANADA_TIMEZONES,
  UNKNOWN_US_TIMEZONES,
} from './data/area-codes';
import { regionsForPostalCode } from './data/zip-prefixes';
import { ALL_PARTY_RECORDING_STATES, CANADA_RULES, FEDERAL_RULES, JurisdictionRules, STATE_RULES } from './rules';
import { LeadAddress } from './types';

/**
 * Where the called party may be: candidate states and time zones from the number's area code,
 * widened by the lead's own state and postal code. More candidates only ever mean stricter
 * windows, so every hint is added, none is trusted over another.
 */

/** NANP countries Beaker calls: the US (with its territories, which libphonenumber names apart) and Canada. */
const IN_SCOPE_COUNTRIES = new Set(['US', 'CA', 'PR', 'VI', 'GU', 'MP', 'AS']);

export interface CalledNumber {
  /** libphonenumber's region: US, CA, PR, … */
  country: string;
  areaCode: string;
}

export type NumberProblem = 'invalid' | 'out_of_scope';

const NUMBER_CACHE_SIZE = 50_000;
const numberCache = new Map<string, CalledNumber | NumberProblem>();

/**
 * Parses and validates an E.164 number. libphonenumber costs ~10 µs a call, so results are
 * memoised (a lead is re-evaluated at every defer); the oldest entries go first when full.
 */
export function parseCalledNumber(to: string): CalledNumber | NumberProblem {
  const cached = numberCache.get(to);
  if (cached !== undefined) return cached;
  const parsed = to.startsWith('+') ? parsePhoneNumberFromString(to) : undefined;
  let result: CalledNumber | NumberProblem;
  if (!parsed || !parsed.isValid() || parsed.number !== to) result = 'invalid';
  else if (parsed.countryCallingCode !== '1' || !parsed.country || !IN_SCOPE_COUNTRIES.has(parsed.country)) {
    result = 'out_of_scope';
  } else result = { country: parsed.country, areaCode: parsed.nationalNumber.slice(0, 3) };
  if (numberCache.size >= NUMBER_CACHE_SIZE) numberCache.delete(numberCache.keys().next().value as string);
  numberCache.set(to, result);
  return result;
}

export interface CalledPartyPlace {
  known: boolean;
  states: readonly string[];
  timezones: readonly string[];
  /** Federal first, then Canada's, then the states' (sorted): a stable key for caches. */
  jurisdictions: readonly JurisdictionRules[];
  recordingDisclosure: boolean;
}

const ALL_STATE_RULES = [...STATE_RULES.keys()];

function leadRegions(lead: LeadAddress | undefined): string[] {
  const regions: string[] = [];
  const state = lead?.state?.trim().toUpperCase();
  if (state && REGION_TIMEZONES.has(state)) regions.push(state);
  if (lead?.zip) regions.push(...regionsForPostalCode(lead.zip));
  return regions;
}

function place(number: CalledNumber, hints: readonly string[]): CalledPartyPlace {
  const entry = AREA_CODES.get(number.areaCode);
  const states = new Set<string>([...(entry?.regions ?? []), ...hints]);
  const timezones = new Set<string>(
    entry ? entry.timezones : number.country === 'CA' ? UNKNOWN_CANADA_TIMEZONES : UNKNOWN_US_TIMEZONES,
  );
  for (const region of hints) REGION_TIMEZONES.get(region)?.forEach((zone) => timezones.add(zone));

  // An unknown area code could be anywhere in its country: every state's rules apply.
  const ruleStates = new Set([...states].filter((s) => STATE_RULES.has(s)));
  if (!entry && number.country !== 'CA') ALL_STATE_RULES.forEach((s) => ruleStates.add(s));
  const canadian = (!entry && number.country === 'CA') || [...states].some((s) => CANADIAN_REGIONS.has(s));

  const jurisdictions = [
    FEDERAL_RULES,
    ...(canadian ? [CANADA_RULES] : []),
    ...[...ruleStates].sort().map((s) => STATE_RULES.get(s) as JurisdictionRules),
  ];
  return {
    known: entry !== undefined,
    states: Object.freeze([...states].sort()),
    timezones: Object.freeze([...timezones].sort()),
    jurisdictions: Object.freeze(jurisdictions),
    recordingDisclosure: !entry || [...states].some((s) => ALL_PARTY_RECORDING_STATES.has(s)),
  };
}

const PLACE_CACHE_SIZE = 10_000;
const placeCache = new Map<string, CalledPartyPlace>();

/** Candidate states, zones and rules for a number and what we know of the lead. Cached. */
export function locateCalledParty(number: CalledNumber, lead?: LeadAddress): CalledPartyPlace {
  const hints = leadRegions(lead);
  const key = `${number.country}|${number.areaCode}|${hints.join(',')}`;
  let found = placeCache.get(key);
  if (!found) {
    found = place(number, hints);
    if (placeCache.size >= PLACE_CACHE_SIZE) placeCache.delete(placeCache.keys().next().value as string);
    placeCache.set(key, found);
  }
  return found;
}
