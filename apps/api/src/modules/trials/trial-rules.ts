import { TRIAL_CALLS_LIMIT, TRIAL_DURATION_HOURS } from '@beaker/contracts';
import type { RateLimitRule } from '../../common/rate-limit/rate-limiter';

/** The numbers of the trial (PRODUCT.md, journey 1), in one place. */
export const TRIAL_RULES = {
  callsLimit: TRIAL_CALLS_LIMIT,
  durationMs: TRIAL_DURATION_HOURS * 3600_000,
  /** Trials one person may start, ever. */
  trialsPerUser: 3,
  /** Trials one phone number may serve within phoneWindowDays, across all users. */
  trialsPerPhone: 2,
  phoneWindowDays: 30,
  /** Verification: a code lives 10 minutes; 5 tries; resend after 30 s; a locked phone waits an hour. */
  codeTtlMs: 10 * 60_000,
  codeMaxAttempts: 5,
  resendAfterMs: 30_000,
  lockMs: 60 * 60_000,
} as const;

/** Trial creation per client IP (one office may try a few personas; a script may not). */
export const TRIAL_CREATION_PER_IP: RateLimitRule = { name: 'trial-create-ip', limit: 10, windowSeconds: 3600, failClosed: true };
/** Verification texts per phone number (SMS pumping costs real money). */
export const VERIFICATION_SMS_PER_PHONE: RateLimitRule = { name: 'trial-sms-phone', limit: 10, windowSeconds: 24 * 3600, failClosed: true };
