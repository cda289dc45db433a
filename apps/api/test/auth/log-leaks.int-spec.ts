import fs from 'node:fs';
import { createBusiness, inbox, setCookies, tokenFrom } from '../factories/auth.factory';
import { resetState, startApp, TestApp } from '../harness';

/**
 * Captures everything the app writes to stdout/stderr (pino writes to fd 1 through fs.write*,
 * Nest's console logger through process.stdout) while a user signs in, uses the app, creates and
 * uses an API key and signs out, then searches it for every secret of the run.
 */
describe('auth: no token, key or session id in the logs', () => {
  let t: TestApp;
  const captured: string[] = [];
  const spies: jest.SpyInstance[] = [];

  const record = (chunk: unknown) => {
    captured.push(typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : ArrayBuffer.isView(chunk) ? Buffer.from(chunk.buffer).toString('utf8') : String(chunk));
  };

  beforeAll(async () => {
    for (const stream of [process.stdout, process.stderr]) {
      const original = stream.write.bind(stream);
      spies.push(
        jest.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
          record(chunk);
          // Swallow the app's JSON log lines (quiet test output); let jest's own output through.
          if (String(chunk).startsWith('{"level"')) return true;
          return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
        }) as typeof stream.write),
      );
    }
    const writeSync = fs.writeSync.bind(fs);
    spies.push(
      jest.spyOn(fs, 'writeSync').mockImplementation(((fd: number, data: unknown, ...rest: unknown[]) => {
        if (fd === 1 || fd === 2) {
          record(data);
          return typeof data === 'string' ? data.length : (data as Buffer).length; // keep the test output quiet
        }
        return (writeSync as (...args: unknown[]) => number)(fd, data, ...rest);
      }) as typeof fs.writeSync),
    );
    const write = fs.write.bind(fs);
    spies.push(
      jest.spyOn(fs, 'write').mockImplementation(((fd: number, data: unknown, ...rest: unknown[]) => {
        if (fd === 1 || fd === 2) {
          record(data);
          const callback = rest.find((r) => typeof r === 'function') as ((err: null, n: number) => void) | undefined;
          callback?.(null, typeof data === 'string' ? Buffer.byteLength(data) : (data as Buffer).length);
          return;
        }
        return (write as (...args: unknown[]) => void)(fd, data, ...rest);
      }) as typeof fs.write),
    );
    t = await startApp({ env: { LOG_LEVEL: 'info' } });
    await resetState(t);
  });
  afterAll(async () => {
    await t.close();
    for (const spy of spies) spy.mockRestore();
  });

  it('logs requests without their secrets', async () => {
    const secrets: string[] = [];

    // Sign in, with a token that also travels in a URL (the SPA's verify page).
    expect((await t.request('/v1/auth/magic-links', { method: 'POST', json: { email: 'leak@example.com' } })).status).toBe(202);
    const token = tokenFrom((await inbox(t, 'leak@example.com'))[0]);
    secrets.push(token);
    expect((await t.request(`/auth/verify?token=${token}`)).status).toBe(404); // no SPA built in tests; still logged
    const signIn = await t.request('/v1/auth/sessions', { method: 'POST', json: { token } });
    expect(signIn.status).toBe(201);
    const user = (await signIn.json()).user;
    const cookies = setCookies(signIn as unknown as Response);
    const session = cookies.beaker_session.value;
    const csrf = cookies.beaker_csrf.value;
    secrets.push(session, csrf);
    const [sessionRow] = await t.db.query(`SELECT id, token_hash FROM sessions WHERE user_id = $1`, [user.id]);
    secrets.push(sessionRow.id, sessionRow.token_hash);
    const cookie = `beaker_session=${session}; beaker_csrf=${csrf}`;

    // A used token again (a 401, logged as a warning), a failed CSRF check (403).
    expect((await t.request('/v1/auth/sessions', { method: 'POST', json: { token } })).status).toBe(401);
    expect((await t.request('/v1/auth/sessions/current', { method: 'DELETE', headers: { cookie } })).status).toBe(403);

    // Create and use an API key, with a wrong one too.
    const businessId = await createBusiness(t, { ownerId: user.id });
    const created = await t.request(`/v1/businesses/${businessId}/api-keys`, { method: 'POST', json: { name: 'ci' }, headers: { cookie, 'x-csrf-token': csrf } });
    expect(created.status).toBe(201);
    const key = (await created.json()).key as string;
    secrets.push(key, key.slice('bk_test_'.length));
    expect((await t.request(`/v1/businesses/${businessId}`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    // A key pasted into a URL by mistake: the logged URL hides it.
    expect((await t.request(`/v1/businesses/${businessId}?key=${key}`, { headers: { authorization: `Bearer ${key}` } })).status).toBe(200);
    const wrongKey = `bk_test_${'Z'.repeat(43)}`;
    secrets.push(wrongKey);
    expect((await t.request(`/v1/businesses/${businessId}`, { headers: { authorization: `Bearer ${wrongKey}` } })).status).toBe(401);

    expect((await t.request('/v1/auth/sessions/current', { method: 'DELETE', headers: { cookie, 'x-csrf-token': csrf } })).status).toBe(204);
    await new Promise((r) => setTimeout(r, 200)); // let the last lines flush

    const output = captured.join('');
    // The capture works: every request above is in it.
    const requestLines = output.split('\n').filter((line) => line.includes('"msg":"request"'));
    expect(requestLines.length).toBeGreaterThanOrEqual(10);
    expect(output).toContain('/v1/auth/sessions');
    expect(output).toContain('/auth/verify?token=[REDACTED]');
    expect(output).toContain('?key=[REDACTED]');
    for (const secret of secrets) {
      expect(output.includes(secret)).toBe(false);
    }
  });

  it('writes one JSON line per request, carrying the request id the response names', async () => {
    const before = captured.length;
    const res = await t.request('/v1/plans?plan=pro');
    expect(res.status).toBe(200);
    const requestId = res.headers.get('x-request-id');
    expect(requestId).toMatch(/^[0-9a-f-]{36}$/);
    await new Promise((r) => setTimeout(r, 200)); // let the line flush

    const lines = captured
      .slice(before)
      .join('')
      .split('\n')
      .filter((line) => line.includes(requestId!));
    expect(lines).toHaveLength(1);
    expect(JSON.parse(lines[0])).toMatchObject({
      level: 30,
      time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/),
      service: 'beaker-api',
      reqId: requestId,
      method: 'GET',
      url: '/v1/plans?plan=pro',
      statusCode: 200,
      responseTimeMs: expect.any(Number),
      msg: 'request',
    });
  });
});
