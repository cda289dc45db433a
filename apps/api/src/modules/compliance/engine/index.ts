/** The pure compliance engine: no Nest, no database, no clock. The compliance module feeds it. */
export { evaluate } from './evaluate';
export { RULES_VERSION, STATE_RULES, FEDERAL_RULES, CANADA_RULES, ALL_PARTY_RECORDING_STATES } from './rules';
export { HOLIDAY_CALENDARS, holidaysIn } from './holidays';
export type {
  BusinessSettings,
  CallHistory,
  CalledPartyLocation,
  CallPurpose,
  ConsentStatus,
  Decision,
  DoNotCallStatus,
  Evaluation,
  EvaluationInput,
  LeadAddress,
  OpeningWindow,
  PastCall,
  Reason,
  VelocityLimits,
  Weekday,
  WeeklyHours,
} from './types';
