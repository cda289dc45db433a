import { ERROR_CATALOG, ERROR_CODES, isErrorCode } from './errors';

/** The namespaces a code may have: a module of the api, or a layer every module shares. */
const NAMESPACES = ['VALIDATION', 'REQUEST', 'PAGINATION', 'AUTH', 'CALLS', 'TRIALS', 'BILLING', 'BUSINESSES', 'COMPLIANCE', 'LEADS', 'ANALYTICS', 'IDEMPOTENCY', 'WEBHOOKS', 'OUTBOUND_WEBHOOKS', 'MAIL', 'PROVIDERS', 'SANDBOX', 'RATE_LIMITS'];
/** Codes without a namespace: answered by the framework or by any module. */
const UNNAMESPACED = ['NOT_FOUND', 'RATE_LIMITED', 'INTERNAL', 'BAD_REQUEST', 'METHOD_NOT_ALLOWED', 'CONFLICT'];

describe('the error catalog', () => {
  it.each(ERROR_CODES)('%s: a stable upper-case code of a known namespace, an error status and a title', (code) => {
    expect(code).toMatch(/^[A-Z][A-Z_]*(\.[A-Z][A-Z_]*)?$/);
    const [namespace, name] = code.split('.');
    if (name === undefined) expect(UNNAMESPACED).toContain(code);
    else expect(NAMESPACES).toContain(namespace);
    const { status, title } = ERROR_CATALOG[code];
    expect(Number.isInteger(status) && status >= 400 && status <= 599).toBe(true);
    expect(title.trim()).toBe(title);
    expect(title.length).toBeGreaterThan(0);
    expect(title.endsWith('.')).toBe(false);
  });

  it('says which strings are its codes', () => {
    expect(isErrorCode('TRIALS.CODE_INVALID')).toBe(true);
    expect(isErrorCode('TRIALS.NOT_A_CODE')).toBe(false);
    expect(isErrorCode('toString')).toBe(false);
  });
});
