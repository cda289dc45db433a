/**
 * The compliance engine's input and output: plain data, no clock, no database.
 * The compliance module gathers the facts (history, DNC lists, consent) and asks `evaluate`.
 */

/** Why the agent is calling; it decides which rules apply. */
export type CallPurpose = 'trial_demo' | 'speed_to_lead' | 'inbound_callback' | 'follow_up';

export type Decision = 'allow' | 'defer' | 'block';

export type Weekday = 'mon' | 'tue' | 'wed' | 'thu' | 'fri' | 'sat' | 'sun';

/**
 * One opening window of a business day, local wall-clock "HH:MM" (24 h), `from` < `to`.
 * `to` may be "24:00". Windows that cross midnight are not accepted: split them in two days.
 */
export interface OpeningWindow {
  from: string;
  to: string;
}

/**
 * Weekly business hours. A weekday that is missing or has no windows is a closed day.
 * Read in `BusinessSettings.timezone` when given, otherwise in the called party's local time
 * (in every candidate zone of the number). Business hours only ever narrow the legal windows.
 */
export type WeeklyHours = Partial<Record<Weekday, readonly OpeningWindow[]>>;

export interface BusinessSettings {
  /** IANA zone the `hours` are written in, e.g. "America/Denver". */
  timezone?: string;
  hours?: WeeklyHours;
  /** Cap on calls the business places per minute (our policy, not law). */
  maxCallsPerMinute?: number;
}

export interface LeadAddress {
  /** Two-letter US state (or Canadian province) the lead gave. */
  state?: string;
  /** US ZIP (5 digits or ZIP+4) or Canadian postal code. */
  zip?: string;
}

export interface PastCall {
  at: Date;
  /** What the call was about (e.g. the lead id or campaign); absent counts as "same subject". */
  subject?: string;
}

export interface CallHistory {
  /** Calls placed to this number; only those within 24 h before `at` count. */
  callsToNumberLast24h: readonly PastCall[];
  /** Calls the business placed in the 60 s before `at`. */
  businessCallsLastMinute: number;
  /** Calls in progress on the voice provider's account right now. */
  providerActiveCalls: number;
}

export interface DoNotCallStatus {
  /** Beaker's own list, honoured for every business: staff entries, and opt-outs heard on Beaker's own (trial) calls. */
  onBeakerList: boolean;
  /** The business's internal do-not-call list. */
  onBusinessList: boolean;
}

export interface ConsentStatus {
  present: boolean;
  revoked: boolean;
}

export interface VelocityLimits {
  /** Calls to one number in 24 h, any subject. Default 3. */
  perNumberPer24h?: number;
  /** Concurrent calls the voice provider accepts. Default 10 (Vapi's account default). */
  providerConcurrency?: number;
}

export interface EvaluationInput {
  /** Called number, E.164 ("+14155550123"). */
  to: string;
  purpose: CallPurpose;
  /** The instant to evaluate (the module passes its clock's now). */
  at: Date;
  /** What this call is about, for the states' "3 calls per 24 h on the same subject" caps. */
  subject?: string;
  business?: BusinessSettings;
  lead?: LeadAddress;
  history: CallHistory;
  dnc: DoNotCallStatus;
  consent?: ConsentStatus;
  limits?: VelocityLimits;
}

export interface Reason {
  /** Stable rule id, e.g. "FL.calling_hours", "dnc.beaker", "velocity.per_number_24h". */
  rule: string;
  detail: string;
  /** Legal citation or policy the rule comes from. */
  source: string;
}

export interface CalledPartyLocation {
  /** False when the area code told us nothing: the strictest rules of the whole country were applied. */
  known: boolean;
  /** Candidate US states / Canadian provinces / US territories, sorted. */
  states: string[];
  /** Candidate IANA zones, sorted. */
  timezones: string[];
}

export interface Evaluation {
  decision: Decision;
  /** Why the call is not allowed now (empty on allow). */
  reasons: Reason[];
  /** On defer: the earliest whole minute >= `at` at which the call is allowed. */
  nextAllowedAt?: Date;
  /** The agent must announce that the call is recorded. */
  recordingDisclosure: boolean;
  rulesVersion: string;
  location: CalledPartyLocation;
}
