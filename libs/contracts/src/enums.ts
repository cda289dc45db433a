/** Shared vocabulary of the product. The api's entities and DTOs and the web's screens use these. */

export const INDUSTRIES = ['hvac', 'gym', 'dental'] as const;
export type Industry = (typeof INDUSTRIES)[number];

export const SCENARIOS = ['lead_intake', 'faq', 'scheduling'] as const;
export type Scenario = (typeof SCENARIOS)[number];

export const TRIAL_STATUSES = ['pending', 'active', 'converted', 'expired'] as const;
export type TrialStatus = (typeof TRIAL_STATUSES)[number];

/** `outbound_test`: an owner's "Hear your agent" call to their own phone (not counted against the plan). */
export const CALL_DIRECTIONS = ['inbound', 'outbound_trial', 'outbound_lead', 'outbound_test'] as const;
export type CallDirection = (typeof CALL_DIRECTIONS)[number];

export const CALL_STATUSES = ['initiated', 'ringing', 'in_progress', 'completed', 'failed'] as const;
export type CallStatus = (typeof CALL_STATUSES)[number];
/** Statuses after which a call never changes again. */
export const TERMINAL_CALL_STATUSES: readonly CallStatus[] = ['completed', 'failed'];
/** The statuses of a call still going, in the order it moves through them (then one terminal status). */
export const OPEN_CALL_STATUSES: readonly CallStatus[] = CALL_STATUSES.filter((status) => !TERMINAL_CALL_STATUSES.includes(status));

export const PLANS = ['starter', 'pro'] as const;
export type Plan = (typeof PLANS)[number];

export const BUSINESS_STATUSES = ['active', 'past_due', 'canceled'] as const;
export type BusinessStatus = (typeof BUSINESS_STATUSES)[number];

export const MEMBER_ROLES = ['owner', 'member'] as const;
export type MemberRole = (typeof MEMBER_ROLES)[number];

export const USER_ROLES = ['user', 'admin'] as const;
export type UserRole = (typeof USER_ROLES)[number];

export const PROVIDERS = ['stripe', 'twilio', 'vapi'] as const;
export type Provider = (typeof PROVIDERS)[number];

export const WEBHOOK_EVENT_STATUSES = ['pending', 'processing', 'completed', 'failed', 'ignored'] as const;
export type WebhookEventStatus = (typeof WEBHOOK_EVENT_STATUSES)[number];
