import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

/** Countries the agent calls (PRODUCT.md: US and CA). */
const CALLABLE_COUNTRIES = new Set(['US', 'CA']);
/** Lines a prospect can pick up and receive a text on; premium-rate, toll-free and pagers are not. */
const CALLABLE_TYPES = new Set([undefined, 'FIXED_LINE', 'MOBILE', 'FIXED_LINE_OR_MOBILE', 'VOIP', 'PERSONAL_NUMBER']);

/**
 * A number the agent may be asked to call (a trial prospect's, a lead's), as E.164, from whatever
 * a person typed ("(415) 555-0123", "+1 415 555 0123", "415.555.0123"); national numbers are read
 * as North American. Null when it is not a valid US or Canadian number we could call.
 */
export function callablePhoneE164(input: string): string | null {
  const trimmed = input.trim();
  if (trimmed.length === 0 || trimmed.length > 32) return null;
  const parsed = parsePhoneNumberFromString(trimmed, 'US');
  if (!parsed || !parsed.isValid()) return null;
  if (!parsed.country || !CALLABLE_COUNTRIES.has(parsed.country)) return null;
  if (!CALLABLE_TYPES.has(parsed.getType())) return null;
  return parsed.number;
}

/** Why a number is not callable, so that the refusal can say it (a toll-free number is a real US number, just not one we text and call). */
export type PhoneRefusal = 'toll_free' | 'premium_rate' | 'not_mobile_line' | 'not_us_or_ca' | 'invalid';

/** The reason `callablePhoneE164` refuses a number; null when it accepts it. */
export function phoneRefusalOf(input: string): PhoneRefusal | null {
  if (callablePhoneE164(input)) return null;
  const trimmed = input.trim();
  const parsed = trimmed.length > 0 && trimmed.length <= 32 ? parsePhoneNumberFromString(trimmed, 'US') : undefined;
  if (!parsed || !parsed.isValid()) return 'invalid';
  if (!parsed.country || !CALLABLE_COUNTRIES.has(parsed.country)) return 'not_us_or_ca';
  const type = parsed.getType();
  if (type === 'TOLL_FREE') return 'toll_free';
  if (type === 'PREMIUM_RATE') return 'premium_rate';
  return 'not_mobile_line';
}
