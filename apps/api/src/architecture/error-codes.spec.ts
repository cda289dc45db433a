import { ERROR_CODES } from '@beaker/contracts';
import { apiSourceFiles } from './source-tree';

/**
 * A code is spelled once in @beaker/contracts (ERROR_CATALOG, with its status and title) and once
 * where the api defines what throws it: `defineError('TRIALS.CODE_INVALID')`, a provider error's
 * static code, or the filter's mapping of the framework's own failures. Routes declare errors by
 * their classes (@Endpoint), never by writing the code again.
 */
describe('error codes are spelled once', () => {
  const files = apiSourceFiles();
  const CODE_LITERAL = /'((?:[A-Z][A-Z_]*\.)?[A-Z][A-Z_]*)'/g;
  const codes = new Set<string>(ERROR_CODES);
  const DEFINITION = /class \w+ extends defineError\('([A-Z_.]+)'\)|static readonly code = '([A-Z_.]+)'/g;
  /** Where the framework's own failures become answers: mappings, not definitions of classes. */
  const FRAMEWORK = ['common/errors/problem.filter.ts', 'modules/auth/access/admin-request.ts'];
  /** Where codes are named about the machinery itself: the implied set, an example in the OpenAPI schema, a doc comment. */
  const MACHINERY = [...FRAMEWORK, 'common/errors/domain-error.ts', 'common/http/endpoint.ts', 'common/http/openapi.ts'];

  const definitions = files.flatMap((f) => [...f.text.matchAll(DEFINITION)].map((m) => ({ file: f.path, code: m[1] ?? m[2] })));

  it('defines every error class with a code of the catalog, and each code in one place', () => {
    expect(definitions.length).toBeGreaterThan(50);
    expect(definitions.filter((d) => !codes.has(d.code))).toEqual([]);
    const twice = definitions.filter((d, i) => definitions.findIndex((other) => other.code === d.code) !== i);
    expect(twice).toEqual([]);
  });

  it('answers every code of the catalog somewhere (no code nothing throws)', () => {
    const answered = new Set(definitions.map((d) => d.code));
    for (const f of files.filter((file) => FRAMEWORK.includes(file.path))) for (const m of f.text.matchAll(CODE_LITERAL)) answered.add(m[1]);
    expect([...codes].filter((code) => !answered.has(code))).toEqual([]);
  });

  it('spells no code anywhere else', () => {
    const elsewhere = files
      .filter((f) => !MACHINERY.includes(f.path))
      .flatMap((f) => [...f.text.replace(DEFINITION, '').matchAll(CODE_LITERAL)].filter((m) => codes.has(m[1])).map((m) => `${f.path}: ${m[1]}`));
    expect(elsewhere).toEqual([]);
  });
});
