import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { createBusiness, signInAs, type SignedInClient } from '../factories/auth.factory';
import { resetState, startApp, TestApp } from '../harness';
import {
  deeplyNested,
  encodeLoosely,
  type FuzzCase,
  type Json,
  NASTY_CURSORS,
  NASTY_NUMBERS,
  NASTY_STRINGS,
  nastyValuesFor,
  type OpenApiDocument,
  type OperationRef,
  operationsOf,
  prng,
  rawRequest,
  type RawResponse,
  resolve,
  sampleOf,
} from '../support/openapi-fuzz';

/**
 * Every operation of /docs-json, sent malformed and boundary input as a signed-in owner (session
 * and CSRF; Beaker staff too, so that the admin routes get past their guard) and, where the route
 * takes one, with an API key: no answer may be a 5xx, and every error answer — Fastify's own
 * refusals included — must be application/problem+json with a `code`.
 *
 * Deterministic: FUZZ_SEED (default below) seeds every choice; a failure names its seed and case.
 * FUZZ_BUDGET=all sends every case instead of a sample of each operation's (see BUDGET).
 */
const SEED = Number(process.env.FUZZ_SEED ?? 19_04_2026);
/** Cases per operation and credentials: of those about the whole request, and of those about one field, parameter or header. `all` sends every case (about 8,000 requests, 3 minutes). */
const BUDGET = process.env.FUZZ_BUDGET === 'all' ? { whole: Infinity, part: Infinity } : { whole: 6, part: 12 };
const CONCURRENCY = 6;

interface Failure {
  case: string;
  status: number;
  contentType: string | undefined;
  body: string;
}

describe('foundation: the API fuzzed from its OpenAPI document', () => {
  let t: TestApp;
  let owner: SignedInClient;
  let businessId: string;
  /** Several keys, each under its own 600-a-minute limit, so that the cases reach the routes rather than a 429. */
  let apiKeys: string[];
  let formId: string;
  let endpointId: string;
  let document: OpenApiDocument;
  let host: string;
  let port: number;

  beforeAll(async () => {
    t = await startApp();
    await resetState(t);
    owner = await signInAs(t, 'fuzz-owner@example.com', { role: 'admin' });
    businessId = await createBusiness(t, { ownerId: owner.userId });
    apiKeys = [];
    for (let i = 0; i < 8; i++) apiKeys.push((await (await owner.request(`/v1/businesses/${businessId}/api-keys`, { method: 'POST', json: { name: `fuzz ${i}` } })).json()).key);
    formId = (await (await owner.request(`/v1/businesses/${businessId}/forms`, { method: 'POST', json: { name: 'Quote', allowedOrigins: ['https://shop.example'] } })).json()).id;
    endpointId = (
      await (await owner.request(`/v1/businesses/${businessId}/webhook-endpoints`, { method: 'POST', json: { url: 'https://hooks.example.com/in', eventTypes: ['lead.created'] } })).json()
    ).id;
    document = await (await t.request('/docs-json')).json();
    host = new URL(t.baseUrl).hostname;
    port = Number(new URL(t.baseUrl).port);
    expect([...apiKeys, formId, endpointId].every((v) => typeof v === 'string')).toBe(true);
  });
  afterAll(async () => t.close());

  /** The real value of a path parameter, so that a case reaches the route's code and not just its guard. */
  function pathValue(op: OperationRef, name: string): string {
    if (name === 'id' && op.path.startsWith('/v1/businesses/')) return businessId;
    if (name === 'id' && op.path.startsWith('/v1/admin/businesses/')) return businessId;
    if (name === 'formId') return formId;
    if (name === 'endpointId') return endpointId;
    if (name === 'file') return 'call_fuzz.wav';
    if (name === 'customerId') return 'cus_fuzz';
    if (name === 'sessionId') return 'cs_fuzz';
    // Any other id: a well-formed one that exists nowhere (never the owner's own: no self-suspension).
    return '6f1c1a2e-0000-4000-8000-00000000f022';
  }

  function basePath(op: OperationRef, override: Record<string, string> = {}): string {
    return op.path.replace(/\{(\w+)\}/g, (_, name: string) => override[name] ?? encodeLoosely(pathValue(op, name)));
  }

  let keyTurn = 0;
  function credentialsFor(as: 'session' | 'apiKey'): Record<string, string> {
    if (as === 'apiKey') return { authorization: `Bearer ${apiKeys[keyTurn++ % apiKeys.length]}` };
    return { cookie: `beaker_session=${owner.sessionToken}; beaker_csrf=${owner.csrfToken}`, 'x-csrf-token': owner.csrfToken };
  }

  function casesFor(op: OperationRef, as: 'session' | 'apiKey', random: () => number): FuzzCase[] {
    const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)]!;
    const label = `${op.method} ${op.path} as ${as}`;
    const auth = credentialsFor(as);
    const json = { 'content-type': 'application/json' };
    const bodySchema = op.operation.requestBody?.content['application/json']?.schema;
    const resolved = resolve(document, bodySchema);
    const sample: Json = bodySchema ? sampleOf(document, bodySchema) : undefined;
    const query = (op.operation.parameters ?? []).filter((p) => p.in === 'query');
    const pathParams = (op.operation.parameters ?? []).filter((p) => p.in === 'path');
    const path = basePath(op);
    // Cases about the whole request (its body, its framing, its headers) go to `whole`; those about one field or parameter to `part`.
    const whole: FuzzCase[] = [];
    const part: FuzzCase[] = [];
    let cases = whole;
    const add = (name: string, c: Partial<FuzzCase>) => cases.push({ name: `${label}: ${name}`, method: op.method, url: path, headers: { ...auth }, ...c });
    const withBody = (name: string, body: Json, headers: Record<string, string> = json) => add(name, { body: JSON.stringify(body), headers: { ...auth, ...headers } });

    // The body: the whole of it wrong, then each field wrong.
    withBody('a sample body', sample ?? {});
    withBody('body null', null);
    withBody('body an array', [sample ?? {}]);
    withBody('body a string', pick(NASTY_STRINGS));
    withBody('body a number', pick(NASTY_NUMBERS));
    withBody('body empty object (fields missing)', {});
    withBody('extra fields', { ...(sample ?? {}), extra: 1, __proto__x: { polluted: true }, constructor: { prototype: { polluted: true } } });
    add('body __proto__ key', { body: `{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}`, headers: { ...auth, ...json } });
    add('invalid JSON', { body: '{"a":', headers: { ...auth, ...json } });
    add('invalid JSON (trailing garbage)', { body: '{}x', headers: { ...auth, ...json } });
    add('empty JSON body', { body: '', headers: { ...auth, ...json } });
    add('JSON with a BOM', { body: '\ufeff{}', headers: { ...auth, ...json } });
    add('JSON in latin1 bytes', { body: Buffer.from('{"name":"\xe9\xff"}', 'latin1'), headers: { ...auth, ...json } });
    add('deeply nested JSON', { body: deeplyNested(50_000), headers: { ...auth, ...json } });
    add('deeply nested arrays', { body: '['.repeat(100_000) + ']'.repeat(100_000), headers: { ...auth, ...json } });
    add('body over the limit', { body: Buffer.alloc(1024 * 1024 + 10, 'a'), headers: { ...auth, ...json } });
    add('text/plain body', { body: JSON.stringify(sample ?? {}), headers: { ...auth, 'content-type': 'text/plain' } });
    add('xml body', { body: '<a>1</a>', headers: { ...auth, 'content-type': 'application/xml' } });
    add('form body', { body: 'a=1&b=%00', headers: { ...auth, 'content-type': 'application/x-www-form-urlencoded' } });
    add('multipart body', { body: '--x\r\n\r\n--x--', headers: { ...auth, 'content-type': 'multipart/form-data; boundary=x' } });
    add('content type with a bad charset', { body: '{}', headers: { ...auth, 'content-type': 'application/json; charset=utf-99' } });
    add('content type garbage', { body: '{}', headers: { ...auth, 'content-type': '/;;=' } });
    cases = part;
    if (resolved.properties) {
      for (const [field, schema] of Object.entries(resolved.properties)) {
        for (const { label: kind, value } of nastyValuesFor(document, schema, pick)) {
          withBody(`${field} = ${kind} ${JSON.stringify(value)?.slice(0, 60)}`, { ...sample, [field]: value });
        }
        const { [field]: _dropped, ...without } = sample as Record<string, Json>;
        withBody(`${field} missing`, without);
      }
    }

    // The query string.
    for (const param of query) {
      const schema = resolve(document, param.schema);
      const values = [
        ...NASTY_STRINGS.map((s) => encodeLoosely(s)),
        ...NASTY_NUMBERS.map((n) => encodeLoosely(String(n))),
        '%ED%A0%80',
        '%E0%A4%A',
        '%',
        '%00',
        'x'.repeat(20_000),
        ...(param.name === 'cursor' ? NASTY_CURSORS.map((c) => encodeLoosely(c)) : []),
        ...(schema.format === 'date-time' || /from|to/.test(param.name) ? ['2026-02-30', '99999-01-01', '-1', '1', 'now', '2026-01-01T00:00:00%2B99:99'] : []),
      ];
      for (let i = 0; i < 6; i++) {
        const value = pick(values);
        add(`?${param.name}=${value.slice(0, 60)}`, { url: `${path}?${param.name}=${value}` });
      }
      add(`?${param.name} twice`, { url: `${path}?${param.name}=1&${param.name}=2` });
      add(`?${param.name}[]`, { url: `${path}?${param.name}[a]=1&${param.name}[]=2` });
      add(`?${param.name} empty`, { url: `${path}?${param.name}=` });
    }
    cases = whole;
    add('unknown query parameter', { url: `${path}?__proto__=1&constructor[prototype]=1` });
    add('query string over 20 kB', { url: `${path}?${'a=1&'.repeat(6000)}` });

    // Path parameters.
    cases = part;
    for (const param of pathParams) {
      for (const bad of ['not-a-uuid', '%00', '%ED%A0%80', '%E0%A4%A', '..%2F..%2Fetc', '6f1c1a2e-0000-4000-8000-0000000000000', 'x'.repeat(300), '%20', encodeLoosely(pick(NASTY_STRINGS)), encodeLoosely(pick(NASTY_STRINGS))]) {
        add(`{${param.name}} = ${bad.slice(0, 40)}`, { url: basePath(op, { [param.name]: bad }) });
      }
    }

    // Headers.
    cases = whole;
    add('a header of 15 kB', { headers: { ...auth, 'x-fuzz': 'a'.repeat(15_000) } });
    add('headers over 16 kB', { headers: { ...auth, 'x-fuzz': 'a'.repeat(17_000) } });
    add('a hundred headers', { headers: { ...auth, ...Object.fromEntries(Array.from({ length: 100 }, (_, i) => [`x-fuzz-${i}`, String(i)])) } });
    add('control bytes in a header', { headers: { ...auth, 'x-fuzz': 'a\u0001b\u007f' } });
    add('latin1 bytes in a header', { headers: { ...auth, 'x-request-id': '\xe9\xff', 'idempotency-key': '\xe9\xff' } });
    add('huge Idempotency-Key', { headers: { ...auth, ...json, 'idempotency-key': 'k'.repeat(10_000) }, body: JSON.stringify(sample ?? {}) });
    // (One larger than the body is a client still sending: the server rightly waits for the rest.)
    add('Content-Length smaller than the body', { headers: { ...auth, ...json, 'content-length': '2' }, body: '{}{"a":1}' });
    add('Content-Length not a number', { headers: { ...auth, ...json, 'content-length': 'abc' }, body: '{}' });
    add('negative Content-Length', { headers: { ...auth, ...json, 'content-length': '-1' }, body: '{}' });
    add('two Content-Lengths', { headers: { ...auth, ...json, 'content-length': '2', 'Content-Length': '3' }, body: '{}' });
    add('bad chunked encoding', { headers: { ...auth, ...json, 'transfer-encoding': 'chunked' }, body: 'zz\r\n{}\r\n0\r\n\r\n' });
    add('garbage Authorization', { headers: { authorization: pick(['Bearer', 'Bearer ', `Bearer ${'x'.repeat(5000)}`, 'Bearer bk_live_\u00ff', 'Basic %%%', 'Bearer bk_test_' + 'A'.repeat(43) + '\u0000']) } });
    add('garbage cookie', { headers: { cookie: pick(['beaker_session=', 'beaker_session=%E0%A4%A', `beaker_session=${'x'.repeat(5000)}`, 'beaker_session="unterminated', '=;=;;']), 'x-csrf-token': 'x' } });
    add('wrong CSRF token', { headers: { cookie: auth.cookie ?? '', 'x-csrf-token': 'nope' } });
    add('garbage Accept', { headers: { ...auth, accept: 'text/html;q=x, */*;q=-1' } });
    add('garbage Origin', { headers: { ...auth, origin: pick(['null', 'http://', 'https://[::1', 'javascript:alert(1)']) } });
    if (op.path.startsWith('/webhooks/')) {
      add('garbage signatures', {
        headers: { ...json, 'stripe-signature': 't=abc,v1=zz', 'x-twilio-signature': '\u00ff', 'x-vapi-secret': '', 'x-vapi-timestamp': '1e400', 'x-vapi-signature': 'zz' },
        body: JSON.stringify(sample ?? {}),
      });
    }
    return [...sample_(whole, BUDGET.whole), ...sample_(part, BUDGET.part)];

    function sample_(from: FuzzCase[], size: number): FuzzCase[] {
      const pool = [...from];
      const out: FuzzCase[] = [];
      while (out.length < size && pool.length > 0) out.push(pool.splice(Math.floor(random() * pool.length), 1)[0]!);
      return out;
    }
  }

  async function send(c: FuzzCase): Promise<RawResponse> {
    const body = c.body === undefined ? Buffer.alloc(0) : Buffer.isBuffer(c.body) ? c.body : Buffer.from(c.body, 'utf8');
    const headers: Record<string, string> = { host: `${host}:${port}`, connection: 'close', ...c.headers };
    const hasLength = Object.keys(headers).some((h) => h.toLowerCase() === 'content-length' || h.toLowerCase() === 'transfer-encoding');
    if (!hasLength && (body.length > 0 || c.body !== undefined)) headers['content-length'] = String(body.length);
    const head = `${c.method} ${c.url} HTTP/1.1\r\n${Object.entries(headers)
      .map(([k, v]) => `${k}: ${Buffer.from(v, 'utf8').toString('latin1')}`)
      .join('\r\n')}\r\n\r\n`;
    return rawRequest(host, port, head, body);
  }

  function judge(c: FuzzCase, res: RawResponse): Failure | undefined {
    const contentType = res.headers['content-type'];
    const fail = (): Failure => ({ case: `[seed ${SEED}] ${c.name}`, status: res.status, contentType, body: res.body.slice(0, 300) });
    if (res.status === 0 || res.status >= 500) return fail();
    if (res.status < 400) return undefined;
    if (!contentType?.startsWith('application/problem+json')) return fail();
    try {
      const problem = JSON.parse(res.body) as { code?: unknown; status?: unknown };
      if (typeof problem.code !== 'string' || problem.status !== res.status) return fail();
    } catch {
      return fail();
    }
    return undefined;
  }

  /** How many answers had each status or code: the fuzz must reach the routes' code, not only their guards. */
  const tally = new Map<string, number>();
  const count = (key: string) => tally.set(key, (tally.get(key) ?? 0) + 1);

  async function run(cases: FuzzCase[]): Promise<Failure[]> {
    const failures: Failure[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < cases.length) {
          const c = cases[next++]!;
          let res: RawResponse;
          try {
            res = await send(c);
          } catch (err) {
            res = { status: 0, headers: {}, body: String(err) };
          }
          count(res.status < 400 ? '2xx/3xx' : String((/"code":"([^"]+)"/.exec(res.body) ?? [])[1] ?? res.status));
          const failure = judge(c, res);
          if (failure) failures.push(failure);
        }
      }),
    );
    return failures;
  }

  it('answers every malformed request to every operation with a 4xx problem+json, never a 5xx', async () => {
    const random = prng(SEED);
    const operations = operationsOf(document).filter((op) => op.method !== 'OPTIONS');
    expect(operations.length).toBeGreaterThan(60);
    const cases: FuzzCase[] = [];
    for (const op of operations) {
      // Signing out would end the session every other case uses: that route gets a session of its own.
      const ownSession = op.path === '/v1/auth/sessions/current' && op.method === 'DELETE';
      const opCases = casesFor(op, 'session', random);
      if (ownSession) {
        for (const c of opCases) {
          const session = await signInAs(t, `fuzz-signout-${cases.length}-${opCases.indexOf(c)}@example.com`);
          if (c.headers.cookie?.includes(owner.sessionToken)) c.headers.cookie = `beaker_session=${session.sessionToken}; beaker_csrf=${session.csrfToken}`;
          if (c.headers['x-csrf-token'] === owner.csrfToken) c.headers['x-csrf-token'] = session.csrfToken;
        }
      }
      cases.push(...opCases);
      if (op.operation.security?.some((s) => 'apiKey' in s)) cases.push(...casesFor(op, 'apiKey', random));
    }
    // Outside any operation: what the router itself must refuse.
    for (const url of ['/%', '/v1/%ED%A0%80', '/v1/' + 'a'.repeat(10_000), '/v1/plans?%=%', '//v1//plans', '/v1/plans/../me', '*', '/v1/plans#x']) {
      cases.push({ name: `GET ${url.slice(0, 40)}`, method: 'GET', url, headers: {} });
    }
    for (const method of ['PROPFIND', 'TRACE', 'CONNECT', 'FOO']) cases.push({ name: `${method} /v1/plans`, method, url: '/v1/plans', headers: {} });
    rmSync('.tmp/fuzz-failures.json', { force: true });
    const failures = await run(cases);
    if (failures.length > 0) {
      mkdirSync('.tmp', { recursive: true });
      writeFileSync('.tmp/fuzz-failures.json', JSON.stringify(failures, null, 2));
    }
    // The owner is still signed in, and its session still works: nothing above broke the app.
    expect((await owner.request('/v1/me')).status).toBe(200);
    // One example of each kind of failure (the case's name after its operation); every one in .tmp/fuzz-failures.json.
    const byKind = new Map<string, Failure & { count: number }>();
    for (const f of failures) {
      const kind = f.case.replace(/^.*? as \w+: /, '');
      const seen = byKind.get(kind);
      if (seen) seen.count++;
      else byKind.set(kind, { ...f, count: 1 });
    }
    expect({ sent: cases.length, failed: failures.length, kinds: [...byKind.values()] }).toEqual({ sent: cases.length, failed: 0, kinds: [] });
    // And it did reach them: bodies validated and refused field by field, and some accepted.
    expect(tally.get('VALIDATION.FAILED') ?? 0).toBeGreaterThan(cases.length / 5);
    expect(tally.get('2xx/3xx') ?? 0).toBeGreaterThan(50);
    expect(tally.get('RATE_LIMITED') ?? 0).toBeLessThan(cases.length / 10);
  }, 180_000);

  // What the fuzzer found, one request each (each answered 500, or no problem at all, before its fix).
  describe('what it found', () => {
    const problemOf = async (res: RawResponse) => ({ status: res.status, type: res.headers['content-type'], code: (JSON.parse(res.body) as { code: string }).code });
    const problem = (status: number, code: string) => ({ status, type: 'application/problem+json; charset=utf-8', code });
    const session = () => ({ cookie: `beaker_session=${owner.sessionToken}; beaker_csrf=${owner.csrfToken}`, 'x-csrf-token': owner.csrfToken, 'content-type': 'application/json' });
    const call = (method: string, url: string, headers: Record<string, string>, body?: string) => send({ name: url, method, url, headers, body });

    it('a body nested 50,000 deep: 400 VALIDATION.FAILED (class-transformer overflowed its stack)', async () => {
      expect(await problemOf(await call('POST', `/v1/businesses/${businessId}/forms`, session(), deeplyNested(50_000)))).toEqual(problem(400, 'VALIDATION.FAILED'));
    });

    it('NUL and lone surrogates in bodies, queries and paths: 400 or 404 (PostgreSQL refused them)', async () => {
      expect(await problemOf(await call('POST', '/v1/compliance/evaluate', session(), JSON.stringify({ to: '+1415555\u00000100', kind: 'outbound' })))).toEqual(problem(400, 'VALIDATION.FAILED'));
      expect(await problemOf(await call('GET', '/v1/admin/audit-events?targetId=%00', session()))).toEqual(problem(400, 'VALIDATION.FAILED'));
      expect(await problemOf(await call('GET', '/v1/billing/checkout-sessions/cs_%00', session()))).toEqual(problem(404, 'NOT_FOUND'));
      expect(await problemOf(await call('POST', `/v1/businesses/${businessId}/forms`, session(), JSON.stringify({ name: 'Quote \ud800' })))).toEqual(problem(400, 'VALIDATION.FAILED'));
    });

    it('cursors PostgreSQL would refuse: 400 PAGINATION.INVALID_CURSOR', async () => {
      const cursor = Buffer.from(JSON.stringify(['2026-02-30T00:00:00Z', '6f1c1a2e-0000-4000-8000-000000000001'])).toString('base64url');
      expect(await problemOf(await call('GET', `/v1/admin/users?cursor=${cursor}`, session()))).toEqual(problem(400, 'PAGINATION.INVALID_CURSOR'));
      const dashes = Buffer.from(JSON.stringify(['2026-01-01T00:00:00Z', '-'.repeat(36)])).toString('base64url');
      expect(await problemOf(await call('GET', `/v1/admin/audit-events?cursor=${dashes}`, session()))).toEqual(problem(400, 'PAGINATION.INVALID_CURSOR'));
    });

    it('a null greeting or business name, a form without a name: 400 (the services trimmed null)', async () => {
      expect(await problemOf(await call('PATCH', `/v1/businesses/${businessId}/assistant`, session(), JSON.stringify({ greeting: null })))).toEqual(problem(400, 'VALIDATION.FAILED'));
      expect(await problemOf(await call('PATCH', `/v1/businesses/${businessId}/assistant`, session(), JSON.stringify({ businessName: null })))).toEqual(problem(400, 'VALIDATION.FAILED'));
      expect(await problemOf(await call('POST', `/v1/businesses/${businessId}/forms`, session(), '{}'))).toEqual(problem(400, 'VALIDATION.FAILED'));
    });

    it("Node's own refusals — headers too large, a broken request, CONNECT — are problems too", async () => {
      expect(await problemOf(await call('GET', '/v1/plans', { 'x-fuzz': 'a'.repeat(17_000) }))).toEqual(problem(431, 'REQUEST.HEADERS_TOO_LARGE'));
      expect(await problemOf(await call('POST', '/v1/plans', { 'content-length': 'abc' }, '{}'))).toEqual(problem(400, 'REQUEST.MALFORMED'));
      expect(await problemOf(await call('CONNECT', '127.0.0.1:5432', {}))).toEqual(problem(405, 'METHOD_NOT_ALLOWED'));
    });

    it('a CSRF refusal on the routes that did not declare it: 403 AUTH.CSRF', async () => {
      const wrong = { ...session(), 'x-csrf-token': 'nope' };
      expect(await problemOf(await call('POST', '/v1/leads', wrong, '{}'))).toEqual(problem(403, 'AUTH.CSRF'));
      expect(await problemOf(await call('POST', '/v1/admin/webhook-events/6f1c1a2e-0000-4000-8000-000000000001/replay', wrong, '{}'))).toEqual(problem(403, 'AUTH.CSRF'));
    });

    it('an API key over its limit on a route keys may not use: 403, not an undeclared 429', async () => {
      const key = apiKeys[0]!;
      // Spend the key's minute.
      const limited = async () => (await call('GET', `/v1/businesses/${businessId}`, { authorization: `Bearer ${key}` })).status;
      for (let i = 0; i < 14 && !(await Promise.all(Array.from({ length: 50 }, limited))).includes(429); i++);
      expect(await limited()).toBe(429);
      expect(await problemOf(await call('GET', `/v1/businesses/${businessId}/lead-notifications`, { authorization: `Bearer ${key}` }))).toEqual(problem(403, 'AUTH.FORBIDDEN'));
    });
  });
});
