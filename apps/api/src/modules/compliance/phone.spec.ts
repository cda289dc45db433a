import { toE164 } from './phone';

describe('toE164', () => {
  it('keeps an E.164 number as is', () => {
    expect(toE164('+14155550123')).toBe('+14155550123');
  });

  it('normalizes punctuation and spaces of the international form', () => {
    expect(toE164(' +1 (415) 555-0123 ')).toBe('+14155550123');
  });

  it('refuses numbers without a country code, invalid numbers and non-strings', () => {
    expect(toE164('4155550123')).toBeNull();
    expect(toE164('+1415')).toBeNull();
    expect(toE164('+1 000 000 0000')).toBeNull();
    expect(toE164(undefined)).toBeNull();
  });
});
