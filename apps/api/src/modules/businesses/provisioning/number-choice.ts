import { parsePhoneNumberFromString } from 'libphonenumber-js';

/** The area code and country to look for a business number in: the trial phone's, when it has one. */
export function numberSearchFor(phoneE164: string | null | undefined): { areaCode?: string; country: 'US' | 'CA' } {
  if (!phoneE164) return { country: 'US' };
  const parsed = parsePhoneNumberFromString(phoneE164);
  const country = parsed?.country === 'CA' ? 'CA' : 'US';
  const national = /^\+1(\d{3})\d{7}$/.exec(phoneE164);
  return national ? { areaCode: national[1], country } : { country };
}
