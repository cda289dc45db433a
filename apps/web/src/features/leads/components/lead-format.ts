import type { ComplianceDecision, LeadSource, LeadStatus } from '@beaker/contracts';

/** Lead statuses, reasons and times in the owner's words (the API speaks in stable codes). */

export const LEAD_STATUS_LABELS: Record<LeadStatus, string> = {
  new: 'New',
  calling: 'Calling',
  called: 'Called',
  deferred: 'Deferred',
  blocked: 'Blocked',
  failed: 'Failed',
};

export const LEAD_SOURCE_LABELS: Record<LeadSource, string> = {
  form: 'Web form',
  api: 'API',
  inbound_call: 'Phone call',
};

export const DECISION_LABELS: Record<ComplianceDecision, string> = {
  allow: 'Allowed',
  defer: 'Deferred',
  block: 'Blocked',
};

/** The jurisdictions with calling hours of their own (the compliance engine's rules), in words. */
const JURISDICTIONS: Record<string, { name: string; hours: string }> = {
  federal: { name: '', hours: '8 am–9 pm' },
  crtc: { name: 'Canadian', hours: '9 am–9:30 pm weekdays, 10 am–6 pm weekends' },
  FL: { name: 'Florida', hours: '8 am–8 pm' },
  OK: { name: 'Oklahoma', hours: '8 am–8 pm' },
  MD: { name: 'Maryland', hours: '8 am–8 pm' },
  WA: { name: 'Washington', hours: '8 am–8 pm' },
  AL: { name: 'Alabama', hours: '8 am–8 pm, Monday to Saturday' },
  LA: { name: 'Louisiana', hours: '8 am–8 pm, Monday to Saturday' },
  RI: { name: 'Rhode Island', hours: '9 am–6 pm weekdays, 10 am–5 pm Saturday' },
  MS: { name: 'Mississippi', hours: '8 am–8 pm, Monday to Saturday' },
};

const FIXED_REASONS: Record<string, string> = {
  'auto_call.off': 'auto-call is off for this form, so the agent does not call; call them yourself',
  'consent.missing': 'no consent to call (the lead came without consent evidence)',
  'consent.received': 'consent received; the agent calls them next',
  'consent.revoked': 'they withdrew their consent to be called (for example by replying STOP)',
  'dnc.business': 'the number is on your do-not-call list',
  'dnc.beaker': "the number is on Beaker's do-not-call list",
  'plan.limit_reached': "your plan's calls for this period are used up; upgrade on the Billing page to call new leads",
  'business.past_due': 'your payment is past due, so calls are paused',
  'business.canceled': 'your subscription is canceled',
  'business.provisioning': 'your phone number is still being set up',
  'business.hours': 'outside your business hours',
  'number.invalid': 'the phone number is not valid',
  'number.out_of_scope': 'the number is outside the US and Canada',
  'input.invalid': 'the call request was not valid',
  'window.none_within_horizon': 'there is no lawful time to call in the coming days',
  'velocity.per_number_24h': 'this number was called 3 times in the last 24 hours',
  'velocity.business_per_minute': 'your calls-per-minute limit was reached',
  'velocity.provider_concurrency': 'too many calls are in progress right now',
  no_answer: 'no answer',
  'no-answer': 'no answer',
  inbound_call: 'they called your number and spoke with the agent',
  'provider.unavailable': "the phone provider couldn't place the call",
  'call.failed': "the call didn't connect",
};

/**
 * A status reason or compliance rule in plain words, e.g. `federal.calling_hours` → "outside
 * calling hours (8 am–9 pm at the lead's location)". Unknown codes are shown as they are.
 */
export function reasonWords(reason: string): string {
  const fixed = FIXED_REASONS[reason];
  if (fixed) return fixed;
  const [jurisdiction, rule] = reason.split('.', 2);
  const place = JURISDICTIONS[jurisdiction];
  if (place && rule === 'calling_hours') {
    return place.name
      ? `outside ${place.name} calling hours (${place.hours} at the lead's location)`
      : `outside calling hours (${place.hours} at the lead's location)`;
  }
  if (place && rule === 'holiday') return `${place.name} allows no calls on Sundays and holidays`;
  if (place && rule === 'same_subject_cap') return `${place.name} allows at most 3 calls about the same request in 24 hours`;
  // A call's own end reason (the provider's words, e.g. "twilio-failed-to-connect-call").
  if (/^[a-z0-9-]+$/.test(reason)) return `the call ended: ${reason.replaceAll('-', ' ')}`;
  return reason;
}

/** "8:00 AM" today, "tomorrow 8:00 AM", else "Mon, Feb 9, 8:00 AM" — the viewer's own clock. */
export function formatAttemptTime(iso: string, now: Date = new Date()): string {
  const at = new Date(iso);
  const time = new Intl.DateTimeFormat('en-US', { hour: 'numeric', minute: '2-digit' }).format(at);
  const day = (d: Date) => new Date(d.getFullYear(), d.getMonth(), d.getDate()).getTime();
  const days = Math.round((day(at) - day(now)) / 86_400_000);
  if (days === 0) return time;
  if (days === 1) return `tomorrow ${time}`;
  return new Intl.DateTimeFormat('en-US', { weekday: 'short', month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }).format(at);
}

export interface LeadStatusFacts {
  status: LeadStatus;
  statusReason: string | null;
  nextAttemptAt: string | null;
  attempts: number;
}

const capitalized = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);

/**
 * The lead's status as one sentence: "Deferred: outside calling hours (8 am–9 pm at the lead's
 * location); next attempt 8:00 AM", "Blocked: the number is on your do-not-call list".
 */
export function leadStatusSentence(lead: LeadStatusFacts, now: Date = new Date()): string {
  const label = LEAD_STATUS_LABELS[lead.status];
  const next = lead.nextAttemptAt ? `; next attempt ${formatAttemptTime(lead.nextAttemptAt, now)}` : '';
  switch (lead.status) {
    case 'new':
      return lead.statusReason ? `${label}: ${reasonWords(lead.statusReason)}` : `${label}: the agent is about to call`;
    case 'calling':
      return `${label}: the agent is on the phone with them${lead.attempts > 1 ? ` (attempt ${lead.attempts})` : ''}`;
    case 'called':
      return lead.statusReason === 'inbound_call' ? `${label}: ${reasonWords('inbound_call')}` : `${label}: the agent spoke with them`;
    case 'deferred':
      return `${label}: ${lead.statusReason ? reasonWords(lead.statusReason) : 'not allowed to call yet'}${next}`;
    case 'blocked':
      return `${label}: ${lead.statusReason ? reasonWords(lead.statusReason) : 'never called'}`;
    case 'failed':
      if (lead.statusReason === 'no_answer') return `${label}: no answer after ${lead.attempts} ${lead.attempts === 1 ? 'attempt' : 'attempts'}`;
      return `${label}: ${lead.statusReason ? reasonWords(lead.statusReason) : "the call didn't reach them"}`;
  }
}

/** A reason as a sentence on its own ("Outside calling hours …"). */
export function reasonSentence(reason: string): string {
  return capitalized(reasonWords(reason));
}

/** "Feb 1, 2026, 2:05:09 PM" — the certificate's and timeline's precise time. */
export function formatPreciseTime(iso: string): string {
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'medium' }).format(new Date(iso));
}
