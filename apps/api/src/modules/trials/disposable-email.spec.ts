import { isDisposableEmail } from './disposable-email';

describe('isDisposableEmail', () => {
  it('refuses listed throwaway domains, their subdomains and odd casing', () => {
    expect(isDisposableEmail('someone@mailinator.com')).toBe(true);
    expect(isDisposableEmail('someone@MAILINATOR.COM')).toBe(true);
    expect(isDisposableEmail('someone@anything.33mail.com')).toBe(true);
  });

  it('accepts ordinary and company domains', () => {
    expect(isDisposableEmail('owner@gmail.com')).toBe(false);
    expect(isDisposableEmail('dana@northside-hvac.com')).toBe(false);
    expect(isDisposableEmail('e2e@beaker.test')).toBe(false);
  });
});
