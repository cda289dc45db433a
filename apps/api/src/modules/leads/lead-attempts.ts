import { DateTime } from 'luxon';
import type { CallStatus } from '@beaker/contracts';
import type { LeadCallOutcome } from './entities/lead-call.entity';

/** A lead is called at most this many times: the first call and two retries. */
export const MAX_LEAD_ATTEMPTS = 3;

/** The second attempt comes this long after the first one ended without an answer. */
export const SECOND_ATTEMPT_AFTER_MS = 10 * 60_000;

/** Provider end reasons that mean "nobody picked up": worth another attempt. */
const NO_ANSWER_REASONS = new Set([
  'customer-did-not-answer',
  'customer-busy',
  'voicemail',
  'call.forwarding.no-answer',
  // Twilio's own words, for calls whose end we learn from a status callback.
  'no-answer',
  'busy',
]);

/** How an ended call went, for the lead it was made to. */
export function attemptOutcome(call: { status: CallStatus; endedReason: string | null }): LeadCallOutcome {
  if (call.status === 'completed') return 'answered';
  return call.endedReason && NO_ANSWER_REASONS.has(call.endedReason) ? 'no_answer' : 'failed';
}

/**
 * When the next attempt is due after attempt `attempt` went unanswered, or null when that was the
 * last one: 10 minutes after it ended, then the next day at the local time of the first attempt
 * (in the lead's time zone; a day is a calendar day there, so a change of clocks keeps the hour).
 * Compliance decides again when the attempt is due: "due" is never "allowed".
 */
export function nextAttemptAt(
  attempt: number,
  context: { endedAt: Date; firstAttemptAt: Date; timeZone: string | null; now: Date },
): Date | null {
  if (attempt >= MAX_LEAD_ATTEMPTS) return null;
  if (attempt === 1) return new Date(context.endedAt.getTime() + SECOND_ATTEMPT_AFTER_MS);
  const zone = context.timeZone && DateTime.local().setZone(context.timeZone).isValid ? context.timeZone : 'UTC';
  const nextDay = DateTime.fromJSDate(context.firstAttemptAt, { zone }).plus({ days: 1 }).toJSDate();
  // A second attempt that ended more than a day after the first (deferred overnight): no sooner than 10 minutes from now.
  const earliest = new Date(context.now.getTime() + SECOND_ATTEMPT_AFTER_MS);
  return nextDay > earliest ? nextDay : earliest;
}
