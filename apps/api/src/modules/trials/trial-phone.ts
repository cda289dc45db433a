import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** Countries a trial may call (PRODUCT.md: US and CA). */
const TRIAL_COUNTRIES = new Set(['US', 'CA']);
/** Lines a prospect can pick up and receive a text on; premium-rate, toll-free and pagers are not. */
const CALLABLE_TYPES = new Set([undefined, 'FIXED_LINE', 'MOBILE', 'FIXED_LINE_OR_MOBILE', 'VOIP', 'PERSONAL_NUMBER']);

/**
 * The prospect's number as E.164, from whatever they typed ("(415) 555-0123", "+1 415 555 0123",
 * "415.555.0123"); national numbers are read as North American. Null when it is not a valid
 * US or Canadian number we could call.
 */
export function trialPhoneE164(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed.length === 0 || trimmed.length > 32) return null;
  const parsed = parsePhoneNumberFromString(trimmed, 'US');
  if (!parsed || !parsed.isValid()) return null;
  if (!parsed.country || !TRIAL_COUNTRIES.has(parsed.country)) return null;
  if (!CALLABLE_TYPES.has(parsed.getType())) return null;
  return parsed.number;
}
