/** How the owner's analytics chart groups days. */
export const ANALYTICS_INTERVALS = ['day', 'week'] as const;
export type AnalyticsInterval = (typeof ANALYTICS_INTERVALS)[number];

/** One figure of the period against the period of the same length just before it. */
export interface AnalyticsTile {
  /** null: nothing to measure (no call ended, no lead called). */
  value: number | null;
  previous: number | null;
  /** (value − previous) / previous; null when either is null or previous is 0. */
  change: number | null;
}

/** One point of the chart: a local day, or the week (Monday to Sunday) starting on `start`. */
export interface AnalyticsPoint {
  /** YYYY-MM-DD, the business's local day (a week: its Monday). */
  start: string;
  calls: number;
  inbound: number;
  outboundLead: number;
  answered: number;
  ended: number;
  minutes: number;
  leads: number;
  /** Sample-weighted mean of the days' median time to call, in seconds (null: no lead called). */
  timeToCallP50Seconds: number | null;
  timeToCallP90Seconds: number | null;
}

/** GET /v1/businesses/:id/analytics */
export interface BusinessAnalytics {
  businessId: string;
  timeZone: string;
  from: string;
  to: string;
  interval: AnalyticsInterval;
  tiles: {
    calls: AnalyticsTile;
    leads: AnalyticsTile;
    /** Answered / ended, 0..1. */
    answeredRate: AnalyticsTile;
    minutes: AnalyticsTile;
    /** Median time to call in seconds. */
    timeToCall: AnalyticsTile;
  };
  series: AnalyticsPoint[];
}

/** Staff's MRR report: a point per UTC calendar month, or per day. */
export const MRR_INTERVALS = ['month', 'day'] as const;
export type MrrInterval = (typeof MRR_INTERVALS)[number];

/** One period's MRR and its movements, in US cents (ChartMogul's definitions, per customer). */
export interface MrrPeriod {
  /** The period's first day, UTC: YYYY-MM-DD. */
  start: string;
  startingMrrCents: number;
  newCents: number;
  expansionCents: number;
  /** Negative. */
  contractionCents: number;
  /** Negative. */
  churnCents: number;
  reactivationCents: number;
  endingMrrCents: number;
}

/** `GET /v1/admin/analytics/mrr`. */
export interface AdminMrrReport {
  from: string;
  to: string;
  interval: MrrInterval;
  currency: string;
  periods: MrrPeriod[];
}

/** `GET|PUT /v1/businesses/:id/weekly-report-settings`: per person (owners: on by default; members: off until they turn it on). */
export interface WeeklyReportSettings {
  weeklyReport: boolean;
}

/** `GET /v1/weekly-report/unsubscribe?token=`: what the link would stop, without stopping it. */
export interface WeeklyReportUnsubscribeInfo {
  businessName: string;
  /** The address the reports go to, partly masked (a forwarded link shows little). */
  email: string;
  /** Whether the reports are still on for this person and business. */
  subscribed: boolean;
}

/** `POST /v1/weekly-report/unsubscribe`: the token from the link (or `?token=` for one-click List-Unsubscribe). */
export interface WeeklyReportUnsubscribeRequest {
  token?: string;
}

export interface WeeklyReportUnsubscribed {
  businessName: string;
  subscribed: false;
}

/** `GET /v1/admin/businesses/:id/weekly-report/preview` (staff): the report as it would go out now, both parts. */
export interface WeeklyReportPreview {
  businessId: string;
  /** The reported week: Monday and Sunday, local days of the business. */
  weekStart: string;
  weekEnd: string;
  timeZone: string;
  subject: string;
  html: string;
  text: string;
}

/** Staff's trial funnel: rows by ISO week of signup (its Monday) or by industry (of the person's first trial). */
export const FUNNEL_GROUP_BYS = ['week', 'industry'] as const;
export type FunnelGroupBy = (typeof FUNNEL_GROUP_BYS)[number];

/** The funnel's steps, in order; each counts the people of the cohort who reached it and every step before it. */
export const FUNNEL_STEPS = ['signed_up', 'trial_started', 'phone_verified', 'trial_call_placed', 'trial_call_answered', 'checkout_started', 'paid'] as const;
export type FunnelStep = (typeof FUNNEL_STEPS)[number];

/** How many people of a group reached a step, and the conversion rates (0..1; null when the base is 0). */
export interface FunnelStepFigure {
  step: FunnelStep;
  count: number;
  /** count / the previous step's count (null for the first step). */
  fromPrevious: number | null;
  /** count / the group's signups. */
  overall: number | null;
}

export interface FunnelRow {
  /** The week's Monday (YYYY-MM-DD) or the industry (`none`: signed up, never started a trial). */
  group: string;
  steps: FunnelStepFigure[];
}

/** `GET /v1/admin/analytics/funnel`. */
export interface AdminFunnelReport {
  /** Signup days (UTC), both included. */
  from: string;
  to: string;
  groupBy: FunnelGroupBy;
  rows: FunnelRow[];
  /** Every signup of the range together. */
  total: FunnelRow;
}
