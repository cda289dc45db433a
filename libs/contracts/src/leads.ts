import type { CallDirection, CallStatus } from './enums';
import type { ComplianceDecision } from './compliance';
import type { Page } from './http';

/** Speed-to-lead: web forms, the integrator lead API, and the calls the agent makes to leads (PRODUCT.md, journey 4). */

/** Where a lead came from. */
export const LEAD_SOURCES = ['form', 'api', 'inbound_call'] as const;
export type LeadSource = (typeof LEAD_SOURCES)[number];

/**
 * new: just captured; calling: a call is being placed or is in progress; called: the agent spoke
 * with the lead; deferred: the law says "not now", a call is scheduled at nextAttemptAt; blocked:
 * never called (reasons in the timeline; e.g. consent.missing, dnc.business); failed: no attempt
 * reached the lead (no answer after the last attempt, or the provider refused).
 */
export const LEAD_STATUSES = ['new', 'calling', 'called', 'deferred', 'blocked', 'failed'] as const;
export type LeadStatus = (typeof LEAD_STATUSES)[number];

/** A form's custom field (besides name and phone, always asked, and email and message, optional). */
export const LEAD_FIELD_TYPES = ['text', 'textarea', 'email', 'select', 'checkbox'] as const;
export type LeadFieldType = (typeof LEAD_FIELD_TYPES)[number];

/** The built-in fields a form may ask besides name and phone (which it always asks). */
export const LEAD_OPTIONAL_FIELDS = ['email', 'message'] as const;
export type LeadOptionalField = (typeof LEAD_OPTIONAL_FIELDS)[number];

/** Most custom fields a form may have. */
export const MAX_CUSTOM_FIELDS = 5;

export interface LeadFormCustomField {
  /** Key in the submission (`[a-z][a-z0-9_]{0,39}`), unique in the form. */
  key: string;
  label: string;
  type: LeadFieldType;
  required: boolean;
  /** For `select`: the choices. */
  options?: string[];
}

export interface LeadFormFields {
  /** email and message: asked or not, and required or not. Name and phone are always asked and required. */
  email: { enabled: boolean; required: boolean };
  message: { enabled: boolean; required: boolean };
  custom: LeadFormCustomField[];
}

/** POST /v1/businesses/:id/forms (and PATCH, every field optional). */
export interface LeadFormInput {
  name: string;
  fields: LeadFormFields;
  /** Shown beside the submit button, next to the consent checkbox; every lead keeps the exact text it saw. */
  consentText: string;
  /** Origins (`https://example.com`) whose pages may submit the form; empty: none yet. */
  allowedOrigins: string[];
  /** Call every new lead at once (when the law allows). */
  autoCall: boolean;
  thankYouMessage: string;
}

export interface LeadForm extends LeadFormInput {
  id: string;
  businessId: string;
  /** Goes up by one each time consentText changes. */
  consentVersion: number;
  /** The snippet to paste into a page: `<script src="…/embed/v1.js" data-form="…" async></script>`. */
  embedSnippet: string;
  createdAt: string;
  updatedAt: string;
}

/** GET /v1/businesses/:id/forms: a page of the business's live forms, newest first (`?cursor=&limit=`). */
export type LeadFormPage = Page<LeadForm>;

/** GET /v1/forms/:formId (public): what the embed script renders; nothing private. */
export interface PublicLeadForm {
  id: string;
  businessName: string;
  fields: LeadFormFields;
  consentText: string;
  consentVersion: number;
  thankYouMessage: string;
  /** The honeypot field's name: a field people never see; a bot that fills it is refused quietly. */
  honeypotField: string;
  /**
   * Whether the page asking (its Origin header) may submit this form: false when the form is not
   * enabled for that site (the embed then says so instead of showing a form that would be refused),
   * null when the request named no origin.
   */
  originAllowed: boolean | null;
}

/** POST /v1/forms/:formId/submissions (public; CORS for the form's allowed origins). */
export interface LeadFormSubmission {
  name: string;
  phone: string;
  email?: string;
  message?: string;
  /** The consent checkbox: must be true. */
  consent: boolean;
  /** The page the form was on (the embed script sends location.href). */
  pageUrl?: string;
  /** The form's consent version the person saw. */
  consentVersion?: number;
  /** Custom fields by key. */
  fields?: Record<string, string | boolean>;
}

/** 202 of a form submission or of POST /v1/leads. */
export interface LeadAccepted {
  leadId: string;
  /** A submission of the same phone within 10 minutes is the same lead: no second call. */
  duplicate: boolean;
  thankYouMessage?: string;
}

/** The consent evidence an integrator sends with a lead (POST /v1/leads). */
export interface LeadConsentInput {
  /** Exactly the text the person agreed to. */
  text: string;
  /** When (ISO 8601). */
  at: string;
  ip?: string;
  /** The page where they agreed. */
  url?: string;
  userAgent?: string;
}

/** POST /v1/leads (API key, `Idempotency-Key` header). Without consent the lead is kept but never called (blocked, consent.missing). */
export interface LeadCreateRequest {
  phone: string;
  name?: string;
  email?: string;
  message?: string;
  /** Where the lead came from, in the integrator's words (e.g. "zapier:facebook-ads"). */
  source?: string;
  consent?: LeadConsentInput;
}

export interface LeadCallView {
  callId: string;
  attempt: number;
  status: CallStatus;
  direction: CallDirection;
  endedReason: string | null;
  summary: string | null;
  durationSeconds: number | null;
  createdAt: string;
}

export type LeadTimelineEntry =
  | { at: string; kind: 'submission'; source: LeadSource; formId: string | null; pageUrl: string | null }
  | { at: string; kind: 'consent'; consentId: string; method: string; version: string | null }
  | { at: string; kind: 'decision'; decisionId: string; decision: ComplianceDecision; reasons: { rule: string; detail: string }[]; nextAllowedAt: string | null }
  | { at: string; kind: 'call'; callId: string; attempt: number; status: CallStatus; endedReason: string | null }
  | { at: string; kind: 'status'; status: LeadStatus; reason: string | null }
  | { at: string; kind: 'notified'; recipients: number };

/** GET /v1/leads/:id */
export interface Lead {
  id: string;
  businessId: string;
  formId: string | null;
  source: LeadSource;
  /** The integrator's own words for the source (POST /v1/leads `source`), if any. */
  sourceDetail: string | null;
  status: LeadStatus;
  /** Why the status (e.g. `consent.missing`, `plan.limit_reached`, `no-answer`), when there is one. */
  statusReason: string | null;
  phone: string;
  name: string | null;
  email: string | null;
  message: string | null;
  fields: Record<string, string | boolean>;
  /** The next call attempt, when one is scheduled. */
  nextAttemptAt: string | null;
  attempts: number;
  /** What the agent learnt on the call. */
  extracted: { name: string | null; intent: string | null; urgency: string | null } | null;
  calls: LeadCallView[];
  timeline: LeadTimelineEntry[];
  createdAt: string;
  updatedAt: string;
}

/** A row of GET /v1/businesses/:id/leads. */
export interface LeadSummary {
  id: string;
  source: LeadSource;
  status: LeadStatus;
  statusReason: string | null;
  phone: string;
  name: string | null;
  message: string | null;
  nextAttemptAt: string | null;
  attempts: number;
  createdAt: string;
}

/** GET /v1/businesses/:id/leads filters. */
export interface LeadListQuery {
  status?: LeadStatus;
  /** ISO instants on createdAt: from inclusive, to exclusive. */
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

/** GET /v1/businesses/:id/lead-counts?from=&to=: the leads created in [from, to), by status (the overview's tile). */
export interface LeadCounts {
  total: number;
  byStatus: Record<LeadStatus, number>;
}

/** GET /v1/leads/:id/consent: what a business shows a lawyer. */
export interface ConsentCertificate {
  leadId: string;
  businessId: string;
  businessName: string;
  phone: string;
  /** The evidence as captured at submission. */
  evidence: {
    consentText: string;
    consentVersion: string | null;
    formId: string | null;
    formName: string | null;
    checkboxChecked: boolean | null;
    capturedAt: string;
    ip: string | null;
    userAgent: string | null;
    pageUrl: string | null;
    method: string;
  } | null;
  /** SHA-256 (hex) over the canonical JSON of `evidence`, recorded at submission. */
  evidenceSha256: string | null;
  /** Whether the evidence as stored now still hashes to the recorded value. */
  evidenceIntact: boolean | null;
  decisions: { decisionId: string; at: string; decision: ComplianceDecision; reasons: { rule: string; detail: string }[]; rulesVersion: string; callId: string | null }[];
  calls: LeadCallView[];
  /** Later withdrawals of consent for this number (STOP, in-call opt-out…). */
  revocations: { at: string; method: string; statement: string | null }[];
  issuedAt: string;
}

/** Per user and business: whether new leads are emailed to them (owners: on by default; members: off). */
export interface LeadNotificationSettings {
  emailOnNewLead: boolean;
}

/** The keywords of SMS opt-out and opt-in (any case, surrounding spaces ignored). */
export const SMS_STOP_KEYWORDS = ['STOP', 'STOPALL', 'UNSUBSCRIBE', 'CANCEL', 'END', 'QUIT', 'REVOKE', 'OPTOUT'] as const;
export const SMS_START_KEYWORDS = ['START', 'UNSTOP'] as const;
export const SMS_HELP_KEYWORDS = ['HELP'] as const;
