import { AUTH_ERROR_CODES } from './auth';
import { BILLING_ERROR_CODES } from './billing';
import { TRIAL_ERROR_CODES } from './trials';

/** Codes any module may answer with; every other code starts with its own module's name. */
const CROSS_CUTTING = /^(RATE_LIMITED|PROVIDERS\.[A-Z_]+|SANDBOX\.[A-Z_]+)$/;

const catalogs = [
  { name: 'AUTH_ERROR_CODES', codes: AUTH_ERROR_CODES, module: 'AUTH' },
  { name: 'TRIAL_ERROR_CODES', codes: TRIAL_ERROR_CODES, module: 'TRIALS' },
  { name: 'BILLING_ERROR_CODES', codes: BILLING_ERROR_CODES, module: 'BILLING' },
];

describe('the error codes the screens react to', () => {
  it.each(catalogs)('$name: stable upper-case codes, each for one reason, of its own module or cross-cutting', ({ codes, module }) => {
    const values: string[] = Object.values(codes);
    for (const code of values) {
      expect(code).toMatch(/^[A-Z][A-Z_]*(\.[A-Z][A-Z_]*)?$/);
      if (!CROSS_CUTTING.test(code)) expect(code.startsWith(`${module}.`)).toBe(true);
    }
    expect(new Set(values).size).toBe(values.length);
  });

  it('spells a code the same in every catalog that names it', () => {
    const byName = new Map<string, Set<string>>();
    for (const { codes } of catalogs) {
      for (const [name, code] of Object.entries(codes)) byName.set(name, (byName.get(name) ?? new Set()).add(code));
    }
    for (const [name, codes] of byName) expect({ name, codes: [...codes] }).toEqual({ name, codes: [expect.any(String)] });
  });
});
