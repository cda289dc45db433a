import { parseEnv, PUBLISHED_DEVELOPMENT_VALUES } from './env.schema';

/** Real-looking values for everything live mode needs (none of them published anywhere). */
const LIVE = {
  PROVIDERS: 'live',
  STRIPE_API_KEY: 'sk_live_0123456789abcdef',
  STRIPE_WEBHOOK_SECRET: 'whsec_0123456789abcdef0123456789abcdef',
  TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef',
  TWILIO_AUTH_TOKEN: '0123456789abcdef0123456789abcdef',
  VAPI_API_KEY: 'vapi-0123456789abcdef',
  VAPI_WEBHOOK_SECRET: 'vapi-hmac-0123456789abcdef',
  SESSION_SECRET: 'a-real-session-secret-of-at-least-32-characters',
};
const PRODUCTION_SECRET = 'a-production-secret-of-at-least-32-characters!';

function without<T extends Record<string, string>>(env: T, ...keys: string[]): Record<string, string> {
  return Object.fromEntries(Object.entries(env).filter(([k]) => !keys.includes(k)));
}

function issues(env: Record<string, string>): string {
  try {
    parseEnv(env);
    return '';
  } catch (err) {
    return (err as Error).message;
  }
}

describe('environment: live mode takes no published development secret', () => {
  it('boots live with real secrets', () => {
    expect(parseEnv(LIVE).PROVIDERS).toBe('live');
  });

  it.each(['STRIPE_WEBHOOK_SECRET', 'VAPI_WEBHOOK_SECRET', 'TWILIO_AUTH_TOKEN'])('refuses to start without %s, naming it', (name) => {
    expect(issues(without(LIVE, name))).toMatch(new RegExp(`^  ${name}: is required in live mode: the development value published in the source is refused`, 'm'));
  });

  it('refuses the published development values even when set explicitly (a copied .env.example)', () => {
    for (const [name, values] of Object.entries(PUBLISHED_DEVELOPMENT_VALUES)) {
      for (const value of values) expect([name, issues({ ...LIVE, [name]: value })]).toEqual([name, expect.stringMatching(new RegExp(`^  ${name}: `, 'm'))]);
    }
  });

  it('refuses a placeholder webhook secret (shorter than a provider issues)', () => {
    expect(issues({ ...LIVE, VAPI_WEBHOOK_SECRET: 'secret' })).toMatch(/VAPI_WEBHOOK_SECRET: must be the provider's secret in live mode/);
  });

  it('keeps the development values in sandbox mode', () => {
    const env = parseEnv({ NODE_ENV: 'development' });
    expect(env.PROVIDERS).toBe('sandbox');
    expect(env.STRIPE_WEBHOOK_SECRET).toBe(PUBLISHED_DEVELOPMENT_VALUES.STRIPE_WEBHOOK_SECRET[0]);
  });
});

describe('environment: production never falls into sandbox mode by itself', () => {
  const production = { ...LIVE, NODE_ENV: 'production', SESSION_SECRET: PRODUCTION_SECRET };

  it('runs live when every key is there, with or without PROVIDERS', () => {
    expect(parseEnv(production).PROVIDERS).toBe('live');
    expect(parseEnv(without(production, 'PROVIDERS')).PROVIDERS).toBe('live');
  });

  it.each(['STRIPE_API_KEY', 'TWILIO_ACCOUNT_SID', 'VAPI_API_KEY'])('stops at boot when %s is missing and PROVIDERS is unset, naming it', (name) => {
    expect(issues(without(production, 'PROVIDERS', name))).toMatch(new RegExp(`^  ${name}: is required in production \\(set PROVIDERS=sandbox`, 'm'));
  });

  it('runs the simulators in production only when PROVIDERS=sandbox says so', () => {
    expect(issues({ NODE_ENV: 'production', SESSION_SECRET: PRODUCTION_SECRET })).toMatch(/STRIPE_API_KEY: is required in production/);
    expect(parseEnv({ NODE_ENV: 'production', SESSION_SECRET: PRODUCTION_SECRET, PROVIDERS: 'sandbox' }).PROVIDERS).toBe('sandbox');
  });

  it('still picks sandbox by itself outside production when a key is missing', () => {
    expect(parseEnv({ NODE_ENV: 'development', STRIPE_API_KEY: 'sk_test_x' }).PROVIDERS).toBe('sandbox');
  });
});

describe('environment: SESSION_SECRET', () => {
  const sandboxProduction = { NODE_ENV: 'production', PROVIDERS: 'sandbox' };

  it.each(PUBLISHED_DEVELOPMENT_VALUES.SESSION_SECRET)('refuses the published value %s in production', (value) => {
    expect(issues({ ...sandboxProduction, SESSION_SECRET: value })).toMatch(/SESSION_SECRET: must be set in production/);
  });

  it('refuses the default in production and in live mode, takes a real one', () => {
    expect(issues(sandboxProduction)).toMatch(/SESSION_SECRET: must be set in production/);
    expect(issues(without(LIVE, 'SESSION_SECRET'))).toMatch(/SESSION_SECRET: must be set in live mode/);
    expect(parseEnv({ ...sandboxProduction, SESSION_SECRET: PRODUCTION_SECRET }).SESSION_SECRET).toBe(PRODUCTION_SECRET);
  });
});

describe('environment: TRUST_PROXY', () => {
  it('is off by default, a hop count, or a list of addresses and CIDRs', () => {
    expect(parseEnv({}).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: 'false' }).TRUST_PROXY).toBe(false);
    expect(parseEnv({ TRUST_PROXY: '1' }).TRUST_PROXY).toBe(1);
    expect(parseEnv({ TRUST_PROXY: '10.0.0.0/8, 192.168.1.7,2001:db8::/32,loopback' }).TRUST_PROXY).toEqual(['10.0.0.0/8', '192.168.1.7', '2001:db8::/32', 'loopback']);
  });

  it('refuses "true" (every hop trusted: a client could forge its address), naming the variable', () => {
    expect(issues({ TRUST_PROXY: 'true' })).toMatch(/^ {2}TRUST_PROXY: trusts every hop/m);
  });

  it('refuses what is neither a hop count nor addresses', () => {
    expect(issues({ TRUST_PROXY: '10.0.0.0/33' })).toMatch(/TRUST_PROXY: must be false, a hop count or addresses\/CIDRs.*10\.0\.0\.0\/33/);
    expect(issues({ TRUST_PROXY: 'proxy.internal' })).toMatch(/TRUST_PROXY: must be false/);
    expect(issues({ TRUST_PROXY: '50' })).toMatch(/TRUST_PROXY: at most 10/);
  });
});
