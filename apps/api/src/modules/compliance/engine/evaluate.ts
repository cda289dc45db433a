import { CalledPartyPlace, locateCalledParty, parseCalledNumber } from './location';
import { CONSENT_SOURCE, DNC_SOURCE, REVOCATION_SOURCE, RULES_VERSION, SEARCH_HORIZON_DAYS } from './rules';
import { Evaluation, EvaluationInput, Reason } from './types';
import { checkVelocity } from './velocity';
import {
  allowedAt,
  businessHoursPlan,
  ClockConstraint,
  constraintOn,
  earliestAllowedMinute,
  legalPlan,
  statedClockPlan,
  windowReasons,
} from './windows';

/**
 * The compliance decision for one call at one instant. Pure: same input, same answer.
 *
 * Order of concerns: blocks (bad input, do-not-call, consent) end the evaluation; then velocity
 * caps and calling windows may defer it to the earliest allowed minute; otherwise it is allowed.
 */

const MINUTE_MS = 60_000;
const INPUT_SOURCE = 'Beaker compliance engine input contract';
const UNKNOWN_PLACE = { known: false, states: [] as string[], timezones: [] as string[] };

/** Purposes whose consent must be on file: the lead did not just ask us to call right now. */
const NEEDS_CONSENT = new Set(['speed_to_lead', 'follow_up']);

function block(reasons: Reason[], place?: CalledPartyPlace): Evaluation {
  return {
    decision: 'block',
    reasons,
    recordingDisclosure: place?.recordingDisclosure ?? true,
    rulesVersion: RULES_VERSION,
    location: place ? { known: place.known, states: [...place.states], timezones: [...place.timezones] } : { ...UNKNOWN_PLACE },
  };
}

function invalidInput(detail: string): Reason {
  return { rule: 'input.invalid', detail, source: INPUT_SOURCE };
}

const isPositiveInteger = (value: number | undefined) => value === undefined || (Number.isInteger(value) && value > 0);

/** Malformed input blocks rather than guesses. Cheap on the happy path: this runs on every call. */
function inputProblems(input: EvaluationInput): Reason[] | null {
  let problems: Reason[] | null = null;
  const add = (detail: string) => (problems ??= []).push(invalidInput(detail));
  if (!(input.at instanceof Date) || Number.isNaN(input.at.getTime())) add('`at` is not a valid Date');
  for (const call of input.history.callsToNumberLast24h) {
    if (!(call.at instanceof Date) || Number.isNaN(call.at.getTime())) {
      add('a past call has an invalid date');
      break;
    }
  }
  if (!isPositiveInteger(input.limits?.perNumberPer24h)) add('limits.perNumberPer24h must be a positive integer');
  if (!isPositiveInteger(input.limits?.providerConcurrency)) add('limits.providerConcurrency must be a positive integer');
  if (!isPositiveInteger(input.business?.maxCallsPerMinute)) add('business.maxCallsPerMinute must be a positive integer');
  return problems;
}

function blockingReasons(input: EvaluationInput): Reason[] {
  const reasons: Reason[] = [];
  if (input.dnc.onBeakerList) {
    reasons.push({ rule: 'dnc.beaker', detail: "the number is on Beaker's do-not-call list", source: DNC_SOURCE });
  }
  if (input.dnc.onBusinessList) {
    reasons.push({ rule: 'dnc.business', detail: "the number is on the business's do-not-call list", source: DNC_SOURCE });
  }
  // An opt-out is honoured for every purpose, before the next call.
  if (input.consent?.revoked) {
    reasons.push({ rule: 'consent.revoked', detail: 'the called party revoked consent', source: REVOCATION_SOURCE });
  } else if (NEEDS_CONSENT.has(input.purpose) && !input.consent?.present) {
    reasons.push({
      rule: 'consent.missing',
      detail: `${input.purpose} calls with an AI voice need prior express written consent`,
      source: CONSENT_SOURCE,
    });
  }
  return reasons;
}

/** Every clock on which the call must fall inside its windows. */
function clockConstraints(input: EvaluationInput, place: CalledPartyPlace): ClockConstraint[] | Reason {
  const constraints: ClockConstraint[] = [];
  const law = legalPlan(place.jurisdictions);
  for (const zone of place.timezones) {
    const constraint = constraintOn(zone, law);
    if (!constraint) throw new Error(`area code data names an unknown zone ${zone}`);
    constraints.push(constraint);
  }
  for (const rules of place.jurisdictions) {
    const stated = rules.callingHours.alsoOnClock;
    if (stated) constraints.push(constraintOn(stated, statedClockPlan(rules), `the statute's clock (${stated})`) as ClockConstraint);
  }

  const hours = input.business?.hours;
  if (hours) {
    const plan = businessHoursPlan(hours);
    if (typeof plan === 'string') return invalidInput(plan);
    const zone = input.business?.timezone;
    if (zone) {
      const constraint = constraintOn(zone, plan, `the business's clock (${zone})`);
      if (!constraint) return invalidInput(`business.timezone ${zone} is not an IANA zone`);
      constraints.push(constraint);
    } else {
      // No zone given: the hours are the called party's local hours, in every candidate zone.
      for (const zone of place.timezones) constraints.push(constraintOn(zone, plan) as ClockConstraint);
    }
  }
  return constraints;
}

export function evaluate(input: EvaluationInput): Evaluation {
  const problems = inputProblems(input);
  if (problems) return block(problems);

  const number = parseCalledNumber(input.to);
  if (number === 'invalid') {
    return block([{ rule: 'number.invalid', detail: `${input.to} is not a valid E.164 number`, source: INPUT_SOURCE }]);
  }
  if (number === 'out_of_scope') {
    return block([{ rule: 'number.out_of_scope', detail: `${input.to} is outside the US and Canada`, source: INPUT_SOURCE }]);
  }
  const place = locateCalledParty(number, input.lead);

  const blocking = blockingReasons(input);
  if (blocking.length > 0) return block(blocking, place);

  const at = input.at.getTime();
  const velocity = checkVelocity(input, at, place.jurisdictions);

  // The prospect asked to be called now: an express invitation, so no calling windows.
  const constraints = input.purpose === 'trial_demo' ? [] : clockConstraints(input, place);
  if (!Array.isArray(constraints)) return block([constraints], place);

  const atMinute = Math.floor(at / MINUTE_MS);
  const windowsOpen = allowedAt(constraints, atMinute);
  const reasons = [...velocity.reasons, ...(windowsOpen ? [] : windowReasons(constraints, atMinute))];

  const result: Evaluation = {
    decision: 'allow',
    reasons,
    recordingDisclosure: place.recordingDisclosure,
    rulesVersion: RULES_VERSION,
    location: { known: place.known, states: [...place.states], timezones: [...place.timezones] },
  };
  if (reasons.length === 0) return result;

  const start = Math.ceil(Math.max(at, velocity.notBefore) / MINUTE_MS);
  const limit = atMinute + SEARCH_HORIZON_DAYS * 1440;
  const next = earliestAllowedMinute(constraints, start, limit);
  if (next === null) {
    reasons.push({
      rule: 'window.none_within_horizon',
      detail: `no allowed minute within ${SEARCH_HORIZON_DAYS} days of ${input.at.toISOString()}`,
      source: 'Beaker policy: a deferred call is re-planned, never placed outside the rules',
    });
    result.decision = 'block';
    return result;
  }
  result.decision = 'defer';
  result.nextAllowedAt = new Date(next * MINUTE_MS);
  return result;
}
