import { describe, expect, it } from 'vitest';
import { isPlausiblePhone } from './lead-form-fields';

describe('the loose phone check before sending', () => {
  it.each(['+1 415 555 0100', '(415) 555-0100', '+44 20 7946 0958', '0612345678', '415.555.0100', '5550100'])('lets %s through (the API checks it for real)', (phone) => {
    expect(isPlausiblePhone(phone)).toBe(true);
  });

  it.each(['call me', '555-01', '+1 415 555 0100 ext 2', '++14155550100', '1234567890123456'])('stops %s', (phone) => {
    expect(isPlausiblePhone(phone)).toBe(false);
  });
});
