import type { Industry, Scenario, TrialStatus } from './enums';

/** The trial: build a persona, verify a phone, get called by the agent (PRODUCT.md, journey 1). */

/** A verification code is valid this long. */
export const TRIAL_CODE_TTL_MINUTES = 10;
/** Wrong codes before the verification locks. */
export const TRIAL_CODE_MAX_ATTEMPTS = 5;
/** A new code may be sent this long after the previous one. */
export const TRIAL_CODE_RESEND_SECONDS = 30;
/** The longest call the trial agent makes. */
export const TRIAL_CALL_MAX_SECONDS = 120;

/**
 * What the prospect agrees to by pressing "Call me now": shown next to the button, and recorded
 * word for word in the consent ledger (method verbal_trial) with each call it allows.
 */
export const TRIAL_CALL_CONSENT_TEXT =
  'By pressing “Call me now”, you ask Beaker to call your verified phone number right now with an automated, AI-generated voice for a demo call. The call may be recorded. Say “stop calling” at any time and we will not call again.';
export const TRIAL_CALL_CONSENT_VERSION = 'trial-call-2026-11-27';

/** POST /v1/trials */
export interface CreateTrialRequest {
  industry: Industry;
  businessName: string;
  scenario: Scenario;
  /** Any US or Canadian format ("(415) 555-0123", "+1 415 555 0123"); stored as E.164. */
  phone: string;
}

/**
 * The start form's button: its words are the consent to be called, recorded word for word (with
 * TRIAL_START_CONSENT_TEXT beside it) with the call that follows the code.
 */
export const TRIAL_START_BUTTON_TEXT = 'Text me a code, then call me';
export const TRIAL_START_CONSENT_TEXT =
  'By pressing “Text me a code, then call me”, you ask Beaker to text a code to this number and, once you enter it, to call it right away with an automated, AI-generated voice for a demo call. The call may be recorded. Say “stop calling” at any time and we will not call again.';
export const TRIAL_START_CONSENT_VERSION = 'trial-start-2026-12-06';

/**
 * POST /v1/trials/start: the trial from the landing page, without signing in first. Answers the
 * trial and opens a trial session (it reaches only this trial); a sign-in link goes to the email,
 * which must be opened before paying or reading the report on another device.
 */
export interface StartTrialRequest {
  industry: Industry;
  businessName: string;
  /** Defaults to lead_intake. */
  scenario?: Scenario;
  phone: string;
  email: string;
}

/** POST /v1/trials/:id/calls (optional body): which button gave the consent to this call. */
export interface PlaceTrialCallRequest {
  /** `start_form`: "Text me a code, then call me" (the call right after the code); default `call_me_now`. */
  consentFrom?: 'start_form' | 'call_me_now';
}

/** The agent built for the trial (null until the phone is verified). */
export interface TrialAssistantSummary {
  name: string;
  /** The first sentence the agent says, naming the business and disclosing the AI voice. */
  greeting: string;
}

/** A trial as its owner sees it. */
export interface TrialResponse {
  id: string;
  /** `expired` as soon as expiresAt has passed, even before the expiry job has run. */
  status: TrialStatus;
  industry: Industry;
  businessName: string;
  scenario: Scenario;
  /** E.164. */
  phone: string;
  phoneVerified: boolean;
  callsUsed: number;
  callsLimit: number;
  expiresAt: string;
  createdAt: string;
  assistant: TrialAssistantSummary | null;
  /** The most recent call of the trial, if any (the live-call screen resumes from it). */
  latestCallId: string | null;
}

/** 202 of POST /v1/trials/:id/verification */
export interface VerificationSent {
  /** The number the code went to (E.164). */
  sentTo: string;
  expiresAt: string;
  /** When another code may be requested. */
  resendAvailableAt: string;
  attemptsLeft: number;
}

/**
 * GET /v1/trials/:id/verification: where verification stands, so that a reload shows the same
 * page without texting another code.
 */
export interface VerificationState {
  sentTo: string;
  /** The latest code still pending (not used); null when none was sent, or it was used. */
  codeSentAt: string | null;
  expiresAt: string | null;
  /** When another code may be asked for; null when one may be now. */
  resendAvailableAt: string | null;
  attemptsLeft: number;
  /** Five wrong codes lock verification (the code field, "Verify" and "Send a new code") until then; null when not locked. */
  lockedUntil: string | null;
}

/** POST /v1/trials/:id/verification/confirm */
export interface ConfirmVerificationRequest {
  /** The 6 digits from the SMS. */
  code: string;
}

export const ABUSE_EVENT_KINDS = [
  'disposable_email',
  'user_trial_limit',
  'phone_trial_limit',
  'ip_rate_limit',
  'verification_locked',
  'sms_rate_limit',
  'blocked_phone',
  'blocked_email_domain',
  // Inbound calls: a caller declined for calling a business too often; a burst of calls to one business.
  'inbound_caller_limited',
  'inbound_call_burst',
] as const;
export type AbuseEventKind = (typeof ABUSE_EVENT_KINDS)[number];

/** GET /v1/admin/abuse-events: one refused or stopped trial action (the admin abuse view). */
export interface AbuseEventView {
  id: string;
  kind: AbuseEventKind;
  userId: string | null;
  ip: string | null;
  phone: string | null;
  details: Record<string, unknown>;
  at: string;
}

/** One phone, IP or email domain of the refused-trial log, with its count. */
export interface AbuseTopEntry {
  value: string;
  /** Refusals in the period. */
  events: number;
  /** Distinct people refused. */
  users: number;
  lastAt: string;
}

/** GET /v1/admin/abuse-events/top?days= : where refused trials come from, most first. */
export interface AbuseTopReport {
  since: string;
  phones: AbuseTopEntry[];
  ips: AbuseTopEntry[];
  emailDomains: AbuseTopEntry[];
}
