import { callablePhoneE164, phoneRefusalOf } from './callable-phone';

describe('callablePhoneE164', () => {
  it.each([
    ['(415) 555-0123', '+14155550123'],
    ['+1 415 555 0123', '+14155550123'],
    ['415.555.0123', '+14155550123'],
    ['1-415-555-0123', '+14155550123'],
    ['+1 613 555 0123', '+16135550123'],
  ])('reads %s as %s', (input, e164) => {
    expect(callablePhoneE164(input)).toBe(e164);
  });

  it.each([
    ['a UK number', '+44 20 7123 4567'],
    ['too few digits', '415555012'],
    ['a premium-rate number', '+1 900 555 0100'],
    ['a toll-free number', '+1 800 555 0100'],
    ['letters', 'call me maybe'],
    ['nothing', '   '],
    ['an absurdly long string', '1'.repeat(40)],
  ])('refuses %s', (_what, input) => {
    expect(callablePhoneE164(input)).toBeNull();
  });
});

describe('phoneRefusalOf', () => {
  it.each([
    ['(415) 555-0123', null],
    ['+1 800 555 0100', 'toll_free'],
    ['1-888-555-0100', 'toll_free'],
    ['+1 900 555 0100', 'premium_rate'],
    ['+44 20 7123 4567', 'not_us_or_ca'],
    ['415555012', 'invalid'],
    ['call me maybe', 'invalid'],
  ])('%s → %s', (input, reason) => {
    expect(phoneRefusalOf(input)).toBe(reason);
  });
});
