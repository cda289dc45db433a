import {
  DEFAULT_PER_NUMBER_PER_24H,
  DEFAULT_PROVIDER_CONCURRENCY,
  JurisdictionRules,
  PROVIDER_RETRY_MS,
} from './rules';
import { EvaluationInput, PastCall, Reason } from './types';

/**
 * Velocity caps: how often we may call. Each breach defers the call to the instant the cap
 * frees up; the engine then finds the first allowed minute at or after the latest of them.
 */

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

export interface VelocityVerdict {
  reasons: Reason[];
  /** Epoch ms before which no call may start (-Infinity when no cap is reached). */
  notBefore: number;
}

/**
 * When the window (t − 24 h, t] holds fewer than `cap` of these calls again.
 * A call at c counts at t while c > t − 24 h, so the k-th most recent call frees a slot at c + 24 h.
 */
function slotFreesAt(callTimes: readonly number[], cap: number): number {
  const sorted = [...callTimes].sort((a, b) => a - b);
  return sorted[sorted.length - cap] + DAY_MS;
}

const sameSubject = (call: PastCall, subject: string | undefined) =>
  subject === undefined || call.subject === undefined || call.subject === subject;

export function checkVelocity(input: EvaluationInput, at: number, jurisdictions: readonly JurisdictionRules[]): VelocityVerdict {
  const reasons: Reason[] = [];
  let notBefore = -Infinity;
  const defer = (until: number, reason: Reason) => {
    reasons.push(reason);
    notBefore = Math.max(notBefore, until);
  };

  // Calls later than `at` (clock skew, a retried evaluation) still count: stricter.
  const recent = input.history.callsToNumberLast24h.filter((call) => call.at.getTime() > at - DAY_MS);

  const perNumber = input.limits?.perNumberPer24h ?? DEFAULT_PER_NUMBER_PER_24H;
  if (recent.length >= perNumber) {
    const until = slotFreesAt(recent.map((c) => c.at.getTime()), perNumber);
    defer(until, {
      rule: 'velocity.per_number_24h',
      detail: `${recent.length} calls to this number in the last 24 h (cap ${perNumber}); next slot ${new Date(until).toISOString()}`,
      source: 'Beaker policy: calls per number per 24 h',
    });
  }

  for (const rules of jurisdictions) {
    const cap = rules.sameSubjectCap;
    if (!cap) continue;
    const onSubject = recent.filter((call) => sameSubject(call, input.subject));
    if (onSubject.length >= cap.maxCallsPer24h) {
      const until = slotFreesAt(onSubject.map((c) => c.at.getTime()), cap.maxCallsPer24h);
      defer(until, {
        rule: cap.id,
        detail: `${onSubject.length} calls on the same subject in the last 24 h (${cap.jurisdiction} allows ${cap.maxCallsPer24h})`,
        source: cap.source,
      });
    }
  }

  const perMinute = input.business?.maxCallsPerMinute;
  if (perMinute !== undefined && input.history.businessCallsLastMinute >= perMinute) {
    // The count covers the 60 s before `at`: all of those calls have aged out 60 s later.
    defer(at + MINUTE_MS, {
      rule: 'velocity.business_per_minute',
      detail: `${input.history.businessCallsLastMinute} calls by the business in the last minute (cap ${perMinute})`,
      source: "Beaker policy: the business's calls-per-minute setting",
    });
  }

  const concurrency = input.limits?.providerConcurrency ?? DEFAULT_PROVIDER_CONCURRENCY;
  if (input.history.providerActiveCalls >= concurrency) {
    defer(at + PROVIDER_RETRY_MS, {
      rule: 'velocity.provider_concurrency',
      detail: `${input.history.providerActiveCalls} calls in progress on the voice provider (limit ${concurrency}); retry in 1 min`,
      source: 'Voice provider account concurrency (Vapi default 10)',
    });
  }

  return { reasons, notBefore };
}
