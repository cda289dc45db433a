import type { BusinessResponse } from './auth';
import type { CallDirection, CallStatus, Industry, MemberRole, Scenario } from './enums';

/** The paying customer's side: dashboard, assistant settings, calls, team (PRODUCT.md, journeys 2 and 3). */

/** After payment, in this order, each step a job that can be run again safely. */
export const PROVISIONING_STEPS = ['assistant', 'number', 'connect'] as const;
export type ProvisioningStep = (typeof PROVISIONING_STEPS)[number];

export const PROVISIONING_STATUSES = ['pending', 'in_progress', 'done', 'failed'] as const;
export type ProvisioningStatus = (typeof PROVISIONING_STATUSES)[number];

export interface ProvisioningStepView {
  step: ProvisioningStep;
  done: boolean;
}

export interface ProvisioningView {
  status: ProvisioningStatus;
  /** The step running (or that failed); null when done or not started. */
  currentStep: ProvisioningStep | null;
  steps: ProvisioningStepView[];
  /** Why the last attempt failed, in words for the customer. */
  error: string | null;
}

export interface BusinessPhoneNumberView {
  /** E.164. */
  e164: string;
  status: 'provisioning' | 'active' | 'released';
}

/** What the assistant says and knows; a change updates the voice provider's assistant. */
export interface AssistantSettings {
  businessName: string;
  /** The first sentence callers hear. */
  greeting: string;
  /** Opening hours as the assistant tells callers (free text, e.g. "Mon–Fri 8 am–6 pm"). */
  hours: string | null;
}

/** PATCH /v1/businesses/:id/assistant (owners): only the fields sent change. */
export interface AssistantSettingsUpdate {
  businessName?: string;
  greeting?: string;
  hours?: string | null;
}

export const ASSISTANT_LIMITS = { businessName: 80, greeting: 400, hours: 300 } as const;

/** Why inbound calls get the fallback message instead of the assistant. */
export type CallsPausedReason = 'over_limit' | 'past_due' | 'canceled' | 'provisioning';

/** Days a past_due business keeps its assistant before calls get the fallback. */
export const PAST_DUE_GRACE_DAYS = 7;

/** GET /v1/businesses/:id/overview — everything the dashboard's first screen shows. */
export interface BusinessOverview extends BusinessResponse {
  industry: Industry | null;
  scenario: Scenario | null;
  /** When the subscription went past due; null unless past_due. */
  pastDueSince: string | null;
  /** The subscription ends at `currentPeriodEnd` (cancelled, still active until then); owners may resume it. */
  cancelAtPeriodEnd: boolean;
  phoneNumber: BusinessPhoneNumberView | null;
  provisioning: ProvisioningView;
  assistant: AssistantSettings;
  /** null: callers reach the assistant. */
  callsPausedReason: CallsPausedReason | null;
  /** The signed-in person's role (null for an API key). */
  yourRole: MemberRole | null;
}

/**
 * How an inbound call was answered: the business's assistant, the fallback message, a refusal (DNC),
 * or declined because its caller called too often (INBOUND_CALLER_LIMITS; not counted against the plan).
 */
export const INBOUND_ROUTES = ['assistant', 'fallback', 'refused', 'limited'] as const;
export type InboundRoute = (typeof INBOUND_ROUTES)[number];

/**
 * Inbound call floods: a caller answered this many times by a business within the hour, or the
 * day, hears a short message instead and is not counted against the plan; a business receiving
 * `burstCalls` inbound calls within `burstWindowMinutes` raises an abuse event for staff.
 */
export const INBOUND_CALLER_LIMITS = { perHour: 3, perDay: 10, burstCalls: 20, burstWindowMinutes: 10 } as const;

/** An item of GET /v1/businesses/:id/calls (the report is GET /v1/calls/:id). */
export interface BusinessCallSummary {
  id: string;
  direction: CallDirection;
  status: CallStatus;
  /** The caller (inbound) or our line (outbound); E.164 or null when unknown. */
  from: string | null;
  to: string;
  createdAt: string;
  startedAt: string | null;
  endedAt: string | null;
  durationSeconds: number | null;
  endedReason: string | null;
  summary: string | null;
  /** The name the call's analysis extracted, if any. */
  callerName: string | null;
  inboundRoute: InboundRoute | null;
}

/** Query of GET /v1/businesses/:id/calls; `from` inclusive, `to` exclusive (ISO instants). */
export interface BusinessCallsQuery {
  direction?: CallDirection;
  status?: CallStatus;
  from?: string;
  to?: string;
  cursor?: string;
  limit?: number;
}

/** An item of GET /v1/businesses/:id/members */
export interface BusinessMemberView {
  userId: string;
  email: string;
  role: MemberRole;
  joinedAt: string;
}

/** POST /v1/businesses/:id/members (owners): adds the person as a member and emails them a sign-in link. */
export interface MemberInviteRequest {
  email: string;
}

/** POST /v1/sandbox/inbound-calls (sandbox mode only): someone dials a business number. */
export interface SandboxInboundCallRequest {
  /** The business number dialled (E.164), as provisioned. */
  to: string;
  /** The caller (E.164). */
  from: string;
  /** The caller's name, for the scripted conversation. */
  callerName?: string;
}

/** 202 of POST /v1/sandbox/inbound-calls: our server's answer to Vapi's assistant-request, and the simulated call. */
export interface SandboxInboundCallResult {
  providerCallId: string;
  /** assistant: a saved assistant; transient: an assistant spec in the answer (fallback); error: refused, spoken and hung up. */
  answeredWith: 'assistant' | 'transient' | 'error';
  /** What the caller hears first. */
  firstMessage: string;
}
