/** Compliance: do-not-call lists, the consent ledger, and "may I call this number now?". */

/** Why the agent calls; it decides which rules apply. */
export const CALL_PURPOSES = ['trial_demo', 'speed_to_lead', 'inbound_callback', 'follow_up'] as const;
export type CallPurpose = (typeof CALL_PURPOSES)[number];

export const COMPLIANCE_DECISIONS = ['allow', 'defer', 'block'] as const;
export type ComplianceDecision = (typeof COMPLIANCE_DECISIONS)[number];

/** Where a do-not-call entry came from. */
export const DNC_SOURCES = ['business', 'admin', 'in_call_opt_out', 'sms_stop', 'api'] as const;
export type DncSource = (typeof DNC_SOURCES)[number];

export const DNC_STATUS_FILTERS = ['active', 'removed', 'all'] as const;
export type DncStatusFilter = (typeof DNC_STATUS_FILTERS)[number];

/** Who made or removed an entry. */
export const COMPLIANCE_ACTOR_KINDS = ['user', 'admin', 'api_key', 'system'] as const;
export type ComplianceActorKind = (typeof COMPLIANCE_ACTOR_KINDS)[number];

/** One number on a do-not-call list. Removal is a state, so the history stays. */
export interface DncEntry {
  id: string;
  /** null: Beaker's own list, honoured for every business. */
  businessId: string | null;
  phone: string;
  source: DncSource;
  reason: string;
  /** The call in which the person opted out (source in_call_opt_out). */
  callId: string | null;
  createdBy: { kind: ComplianceActorKind; id: string | null };
  createdAt: string;
  removedAt: string | null;
  removedBy: { kind: ComplianceActorKind; id: string | null } | null;
  removalReason: string | null;
}

/** POST /v1/businesses/:id/dnc and POST /v1/admin/dnc */
export interface DncAddRequest {
  /** E.164, e.g. +14155550123. */
  phone: string;
  reason: string;
}

/** DELETE /v1/businesses/:id/dnc/:entryId and DELETE /v1/admin/dnc/:entryId (the reason is required). */
export interface DncRemoveRequest {
  reason: string;
}

export const CONSENT_KINDS = ['grant', 'revocation'] as const;
export type ConsentKind = (typeof CONSENT_KINDS)[number];

/** How a grant was captured. */
export const CONSENT_GRANT_METHODS = ['web_form', 'api', 'verbal_trial'] as const;
/** How a revocation reached us. */
export const CONSENT_REVOCATION_METHODS = ['in_call_opt_out', 'sms_stop', 'business', 'admin', 'api'] as const;
export type ConsentMethod = (typeof CONSENT_GRANT_METHODS)[number] | (typeof CONSENT_REVOCATION_METHODS)[number];

/** One immutable line of the consent ledger: the evidence of what the person agreed to (or withdrew). */
export interface ConsentRecord {
  id: string;
  phone: string;
  businessId: string | null;
  trialId: string | null;
  leadId: string | null;
  callId: string | null;
  kind: ConsentKind;
  method: ConsentMethod;
  /** null on revocations: they withdraw every purpose. */
  purpose: CallPurpose | null;
  /** Exactly what the person saw (grants). */
  consentText: string | null;
  /** SHA-256 (hex) of consentText; the database checks it. */
  consentTextHash: string | null;
  consentVersion: string | null;
  capturedAt: string;
  ip: string | null;
  userAgent: string | null;
  pageUrl: string | null;
  formId: string | null;
  createdAt: string;
}

/** GET /v1/businesses/:id/consents */
export interface ConsentListQuery {
  phone?: string;
  /** json (default): a page of records; csv: the same page as text/csv (next cursor in the X-Next-Cursor header). */
  format?: 'json' | 'csv';
  cursor?: string;
  limit?: number;
}

/** POST /v1/compliance/evaluate: a dry run, nothing is stored. */
export interface ComplianceEvaluateRequest {
  to: string;
  purpose: CallPurpose;
  /** ISO instant; default now. */
  at?: string;
  /** Required for members and API keys (their own business); admins may leave it out (law and Beaker's list only). */
  businessId?: string;
  address?: { state?: string; zip?: string };
  /** For the same-subject caps (FL, OK, MD): what the call is about, e.g. a lead id. */
  subject?: string;
}

export interface ComplianceReason {
  /** Stable rule id, e.g. "FL.calling_hours", "dnc.business", "velocity.per_number_24h". */
  rule: string;
  detail: string;
  /** The legal citation or policy the rule comes from. */
  source: string;
}

export interface ComplianceEvaluation {
  decision: ComplianceDecision;
  reasons: ComplianceReason[];
  /** On defer: the earliest minute the call is allowed. */
  nextAllowedAt: string | null;
  /** The agent must announce that the call is recorded. */
  recordingDisclosure: boolean;
  rulesVersion: string;
  evaluatedAt: string;
  location: { known: boolean; states: string[]; timezones: string[] };
}

/** A day of the week, as the compliance engine names it. */
export const WEEKDAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/** One window of a day, local wall-clock "HH:MM" (24 h), `from` before `to`; `to` may be "24:00". */
export interface CallingWindow {
  from: string;
  to: string;
}

/** A day missing or without windows: no outbound calls that day. */
export type WeeklyCallingHours = Partial<Record<Weekday, CallingWindow[]>>;

/** Per-business cap on outbound calls a minute: the default, and the most a business may set (it narrows, never loosens). */
export const MAX_CALLS_PER_MINUTE = 30;

/** How long a business keeps its calls' recordings and transcripts (days); null: kept for as long as the account. */
export const RECORDING_RETENTION_DAYS = [30, 90, 365] as const;
export type RecordingRetentionDays = (typeof RECORDING_RETENTION_DAYS)[number];

/**
 * GET/PATCH /v1/businesses/:id/compliance-settings: what the compliance check reads about a
 * business. Every setting only narrows what the law allows.
 */
export interface ComplianceSettings {
  /** IANA zone the calling hours are read in; null: on the called person's clock. */
  timezone: string | null;
  /** The business's outbound calling hours; null: the law's windows only. */
  callingHours: WeeklyCallingHours | null;
  /** Outbound calls a minute, 1 to MAX_CALLS_PER_MINUTE. */
  maxCallsPerMinute: number;
  /** Calls older than this many days lose their recording and transcript (the summary and extracted lead stay); null: kept. */
  recordingRetentionDays: RecordingRetentionDays | null;
}

/** PATCH body: the fields given change; null clears timezone or callingHours. */
export interface ComplianceSettingsUpdate {
  timezone?: string | null;
  callingHours?: WeeklyCallingHours | null;
  maxCallsPerMinute?: number;
  /** null: keep recordings and transcripts. */
  recordingRetentionDays?: RecordingRetentionDays | null;
}
