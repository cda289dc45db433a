import { parsePhoneNumberFromString } from 'libphonenumber-js';

/**
 * A phone number as we store it: E.164 ("+14155550123"). Accepts the international form with
 * spaces or punctuation ("+1 (415) 555-0123"); a number without its country code is refused
 * rather than guessed. Null when not a valid number.
 */
export function toE164(input: string | null | undefined): string | null {
  if (typeof input !== 'string') return null;
  const trimmed = input.trim();
  if (!trimmed.startsWith('+') || trimmed.length > 32) return null;
  const parsed = parsePhoneNumberFromString(trimmed);
  return parsed && parsed.isValid() ? parsed.number : null;
}
