import { DiscoveryService, ModulesContainer } from '@nestjs/core';
import nock from 'nock';
import { randomUUID } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { JOB_QUEUES, JobName } from '../../src/common/queue/jobs';
import { JobHandlers, QueueProcessor } from '../../src/common/queue/queue-processor';
import { QueueName, queuesFor } from '../../src/common/queue/queues';
import { checkProcessors, WorkerService } from '../../src/common/queue/worker.service';
import { Mailer } from '../../src/common/mail/mailer';
import { SmtpMailer } from '../../src/common/mail/smtp.mailer';
import { DevInbox, DevInboxMailer } from '../../src/integrations/sandbox/mail/dev-inbox';
import { SandboxModule } from '../../src/integrations/sandbox/sandbox.module';
import { StripeSandbox } from '../../src/integrations/sandbox/stripe/stripe.sandbox';
import { TwilioSandbox } from '../../src/integrations/sandbox/twilio/twilio.sandbox';
import { VapiSandbox } from '../../src/integrations/sandbox/vapi/vapi.sandbox';
import { SandboxProcessor } from '../../src/integrations/sandbox/sandbox.processor';
import { VapiSandboxInbound } from '../../src/integrations/sandbox/vapi/vapi.sandbox.inbound';
import { StripeAdapter } from '../../src/integrations/stripe/stripe.adapter';
import { BillingPort } from '../../src/integrations/stripe/stripe.port';
import { TwilioAdapter } from '../../src/integrations/twilio/twilio.adapter';
import { TelephonyPort } from '../../src/integrations/twilio/twilio.port';
import { VapiAdapter } from '../../src/integrations/vapi/vapi.adapter';
import { VoiceAgentPort } from '../../src/integrations/vapi/vapi.port';
import { createBusiness, signInAs } from '../factories/auth.factory';
import { resetState, startApp, TestApp } from '../harness';

interface SandboxRoute {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Fastify's spelling (`/v1/sandbox/checkout-sessions/:id`). */
  url: string;
  /** The OpenAPI document's (`/v1/sandbox/checkout-sessions/{id}`). */
  doc: string;
  /** A URL of the route, its parameters filled in. */
  example: string;
}

const SANDBOX_DIR = path.join(__dirname, '../../src/integrations/sandbox');

/** Every TypeScript file of integrations/sandbox/ (specs aside). */
function sandboxFiles(dir = SANDBOX_DIR): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return sandboxFiles(file);
    return file.endsWith('.ts') && !file.endsWith('.spec.ts') ? [file] : [];
  });
}

/**
 * Every route the SandboxModule's controllers declare, read from their source (`@Controller(prefix)`
 * and `@Get(path)`, `@Post(path)`, … in integrations/sandbox/): a route added there is checked here
 * the day it is written, against the router (sandbox and live) and the OpenAPI document.
 */
function sandboxRoutes(): SandboxRoute[] {
  const routes: SandboxRoute[] = [];
  for (const file of sandboxFiles()) {
    const text = readFileSync(file, 'utf8');
    const decorators = [...text.matchAll(/^\s*@(Get|Post|Put|Patch|Delete|Head|Options|All)\(/gm)].length;
    if (decorators === 0) continue;
    const controllers = [...text.matchAll(/@Controller\((?:'([^']*)')?\)/g)];
    const literal = [...text.matchAll(/^\s*@(Get|Post|Put|Patch|Delete)\((?:'([^']*)')?\)/gm)];
    // What this reader cannot spell out (a computed path, two controllers in a file) fails instead of being skipped.
    if (controllers.length !== 1 || literal.length !== decorators) throw new Error(`${path.relative(SANDBOX_DIR, file)}: routes this test cannot read (${controllers.length} @Controller, ${decorators - literal.length} non-literal routes)`);
    const prefix = controllers[0][1] ?? '';
    for (const [, verb, route] of literal) {
      const url = `/${[prefix, route].filter(Boolean).join('/')}`;
      routes.push({
        method: verb.toUpperCase() as SandboxRoute['method'],
        url,
        doc: url.replace(/:(\w+)/g, '{$1}'),
        example: url.replace(/:(\w+)/g, (_, name: string) => (name === 'file' ? `${randomUUID()}.wav` : `sample-${name}`)),
      });
    }
  }
  return routes.sort((a, b) => a.url.localeCompare(b.url) || a.method.localeCompare(b.method));
}

/** Every route the SandboxModule serves (Fastify's spelling), what the OpenAPI document calls it, and an example URL. */
const SANDBOX_ROUTES = sandboxRoutes();

/** The main pieces of the sandbox, by name, as a reader would look for them. */
const SANDBOX_PROVIDERS = [SandboxModule, VapiSandbox, VapiSandboxInbound, SandboxProcessor, TwilioSandbox, StripeSandbox, DevInbox, DevInboxMailer];

/** Every class any file of integrations/sandbox/ exports: whatever is added there later is covered too. */
function sandboxClasses(): Set<unknown> {
  const classes = new Set<unknown>();
  for (const file of sandboxFiles()) {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    for (const value of Object.values(require(file) as Record<string, unknown>)) if (typeof value === 'function') classes.add(value);
  }
  return classes;
}

/** What Nest built: every module, provider and controller of the running app, by class. */
function constructed(t: TestApp): { modules: unknown[]; providers: unknown[]; controllers: unknown[] } {
  const discovery = t.app.get(DiscoveryService);
  return {
    modules: [...t.app.get(ModulesContainer).values()].map((m) => m.metatype),
    providers: discovery.getProviders().flatMap((w) => [w.metatype, w.token, w.instance?.constructor]),
    controllers: discovery.getControllers().map((w) => w.metatype),
  };
}

function resolvable(t: TestApp, token: unknown): boolean {
  try {
    t.app.get(token as never);
    return true;
  } catch {
    return false;
  }
}

async function openApi(t: TestApp): Promise<{ paths: Record<string, Record<string, unknown>>; components: { schemas: Record<string, unknown> }; tags?: { name: string }[] }> {
  const res = await t.request('/docs-json');
  expect(res.status).toBe(200);
  return res.json();
}

const LIVE_ENV = {
  PROVIDERS: 'live',
  STRIPE_API_KEY: 'sk_test_fake_never_used',
  TWILIO_ACCOUNT_SID: 'AC0123456789abcdef0123456789abcdef',
  VAPI_API_KEY: 'vapi_fake_never_used',
  // Live mode refuses the development secrets published in the source.
  STRIPE_WEBHOOK_SECRET: 'whsec_test_provider_modes_0123456789',
  TWILIO_AUTH_TOKEN: 'twilio_test_provider_modes_0123456789',
  VAPI_WEBHOOK_SECRET: 'vapi_test_provider_modes_0123456789',
  SESSION_SECRET: 'test-provider-modes-session-secret-0123456789',
  // Nothing listens there: the SMTP mailer must not connect before it sends.
  SMTP_URL: 'smtp://127.0.0.1:1',
};

describe('PROVIDERS=live', () => {
  let t: TestApp;

  beforeAll(async () => {
    // Booting live mode needs no provider: any request that is not to this machine fails.
    nock.disableNetConnect();
    nock.enableNetConnect(/^(127\.0\.0\.1|localhost)(:\d+)?$/);
    t = await startApp({ env: LIVE_ENV });
    await resetState(t);
  });
  afterAll(async () => {
    await t?.close();
    nock.enableNetConnect();
  });

  it('reads the sandbox routes from the source: those known today among them', () => {
    expect(SANDBOX_ROUTES.length).toBeGreaterThanOrEqual(11);
    expect(SANDBOX_ROUTES.map((r) => `${r.method} ${r.url}`)).toEqual(
      expect.arrayContaining([
        'GET /v1/sandbox/emails',
        'GET /v1/sandbox/messages',
        'POST /v1/sandbox/inbound-calls',
        'POST /v1/sandbox/checkout-sessions/:id/pay',
        'POST /v1/sandbox/portal/:customerId/cancel',
        'POST /v1/sandbox/portal/:customerId/resume',
        'GET /sandbox-assets/recordings/:file',
      ]),
    );
  });

  it('has no sandbox route: 404 under /v1/sandbox and /sandbox-assets, none in the router, none in /docs-json', async () => {
    for (const route of SANDBOX_ROUTES) {
      const res = await t.request(route.example, { method: route.method, ...(route.method === 'POST' ? { json: {} } : {}) });
      expect([route.method, route.example, res.status, (await res.json()).code]).toEqual([route.method, route.example, 404, 'NOT_FOUND']);
    }
    const fastify = t.app.getHttpAdapter().getInstance();
    for (const route of SANDBOX_ROUTES) expect([route.url, fastify.hasRoute({ method: route.method, url: route.url })]).toEqual([route.url, false]);
    expect(fastify.printRoutes({ commonPrefix: false })).not.toMatch(/sandbox/i);

    const doc = await openApi(t);
    expect(Object.keys(doc.paths).filter((p) => /sandbox/i.test(p))).toEqual([]);
    expect(Object.keys(doc.components.schemas).filter((name) => /sandbox/i.test(name))).toEqual([]);
    expect((doc.tags ?? []).map((tag) => tag.name)).not.toContain('sandbox');
    expect(doc.paths['/v1/auth/magic-links']).toBeDefined();
  });

  it('constructs nothing of the sandbox: no module, provider or controller of integrations/sandbox/ is in the container', () => {
    const sandbox = sandboxClasses();
    expect(sandbox.size).toBeGreaterThan(SANDBOX_PROVIDERS.length);
    for (const piece of SANDBOX_PROVIDERS) expect(sandbox.has(piece)).toBe(true);
    const built = constructed(t);
    expect(built.modules.filter((m) => sandbox.has(m))).toEqual([]);
    expect(built.providers.filter((p) => sandbox.has(p))).toEqual([]);
    expect(built.controllers.filter((c) => sandbox.has(c))).toEqual([]);
    for (const piece of SANDBOX_PROVIDERS) expect([piece.name, resolvable(t, piece)]).toEqual([piece.name, false]);
  });

  it("refuses Vapi's static secret (no timestamp) at /webhooks/vapi, even the right one: 401 WEBHOOKS.INVALID_SIGNATURE", async () => {
    const message = { message: { type: 'status-update', status: 'ringing', call: { id: randomUUID() } } };
    const credentials: Record<string, string>[] = [{ 'x-vapi-secret': LIVE_ENV.VAPI_WEBHOOK_SECRET }, { authorization: `Bearer ${LIVE_ENV.VAPI_WEBHOOK_SECRET}` }];
    for (const headers of credentials) {
      const res = await t.request('/webhooks/vapi', { method: 'POST', headers, json: message });
      expect([Object.keys(headers)[0], res.status, (await res.json()).code]).toEqual([Object.keys(headers)[0], 401, 'WEBHOOKS.INVALID_SIGNATURE']);
    }
    const [{ count }] = await t.db.query(`SELECT count(*)::int AS count FROM webhook_events`);
    expect(count).toBe(0);
  });

  it('binds the ports to the live adapters, and Mailer to SMTP', () => {
    expect(t.app.get(VoiceAgentPort)).toBeInstanceOf(VapiAdapter);
    expect(t.app.get(TelephonyPort)).toBeInstanceOf(TwilioAdapter);
    expect(t.app.get(BillingPort)).toBeInstanceOf(StripeAdapter);
    expect(t.app.get(Mailer)).toBeInstanceOf(SmtpMailer);
  });

  it('starts a worker with one processor per queue of the mode, and none for the sandbox queue', async () => {
    const worker = t.app.get(WorkerService);
    await worker.start();
    try {
      expect(worker.running).toBe(true);
      const processors = worker.findProcessors();
      expect(processors.map((p) => p.queue).sort()).toEqual(queuesFor({ sandbox: false }).sort());
      expect(processors.map((p) => p.queue)).not.toContain(QueueName.Sandbox);
      const handled = processors.flatMap((p) => p.handledJobs());
      expect(handled).not.toContain(JobName.SandboxVapiCallStep);
      expect(handled.sort()).toEqual(Object.values(JobName).filter((name) => JOB_QUEUES[name] !== QueueName.Sandbox).sort());
    } finally {
      await worker.stop();
    }
  });
});

describe('PROVIDERS=sandbox', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp();
    await resetState(t);
  });
  afterAll(async () => t?.close());

  it('serves every sandbox route, and documents exactly those', async () => {
    const fastify = t.app.getHttpAdapter().getInstance();
    for (const route of SANDBOX_ROUTES) expect([route.url, fastify.hasRoute({ method: route.method, url: route.url })]).toEqual([route.url, true]);
    expect((await t.request('/v1/sandbox/messages')).status).toBe(200);
    expect((await t.request('/v1/sandbox/emails?to=someone%40example.com')).status).toBe(200);
    // Both inboxes page like every list; a bad cursor is the declared 400 (an undeclared code would fail the request here).
    for (const inbox of ['/v1/sandbox/emails?to=someone%40example.com&', '/v1/sandbox/messages?']) {
      const badCursor = await t.request(`${inbox}cursor=nope`);
      expect([inbox, badCursor.status, (await badCursor.json()).code]).toEqual([inbox, 400, 'PAGINATION.INVALID_CURSOR']);
    }
    expect((await (await t.request('/v1/sandbox/checkout-sessions/cs_1')).json()).code).toBe('SANDBOX.CHECKOUT_NOT_FOUND');

    const doc = await openApi(t);
    const documented = Object.entries(doc.paths)
      .filter(([p]) => /sandbox/i.test(p))
      .flatMap(([p, operations]) => Object.keys(operations).map((method) => `${method.toUpperCase()} ${p}`));
    expect(documented.sort()).toEqual(SANDBOX_ROUTES.map((r) => `${r.method} ${r.doc}`).sort());
  });

  it('constructs the sandbox: its module, simulators, controllers and job handler', () => {
    const sandbox = sandboxClasses();
    const built = constructed(t);
    expect(built.modules).toContain(SandboxModule);
    for (const piece of SANDBOX_PROVIDERS.filter((p) => p !== SandboxModule)) expect(built.providers).toContain(piece);
    // Every controller class of integrations/sandbox/ (the files the routes are read from), built.
    const controllerClasses = [...sandbox].filter((c): c is { name: string } => typeof c === 'function' && c.name.endsWith('Controller'));
    expect(controllerClasses.length).toBeGreaterThanOrEqual(5);
    expect(built.controllers.filter((c) => sandbox.has(c)).map((c) => (c as { name: string }).name).sort()).toEqual(controllerClasses.map((c) => c.name).sort());
  });

  it('binds the ports to the simulators (one instance each), and Mailer to the development inbox', () => {
    expect(t.app.get(VoiceAgentPort)).toBe(t.app.get(VapiSandbox));
    expect(t.app.get(TelephonyPort)).toBe(t.app.get(TwilioSandbox));
    expect(t.app.get(BillingPort)).toBe(t.app.get(StripeSandbox));
    expect(t.app.get(Mailer)).toBeInstanceOf(DevInboxMailer);
    for (const adapter of [VapiAdapter, TwilioAdapter, StripeAdapter]) expect([adapter.name, resolvable(t, adapter)]).toEqual([adapter.name, false]);
  });

  it('starts a worker with every queue processed, the sandbox queue by the SandboxProcessor', async () => {
    const worker = t.app.get(WorkerService);
    await worker.start();
    try {
      const processors = worker.findProcessors();
      expect(processors.map((p) => p.queue).sort()).toEqual(queuesFor({ sandbox: true }).sort());
      expect(processors.find((p) => p.queue === QueueName.Sandbox)).toBeInstanceOf(SandboxProcessor);
      expect(processors.flatMap((p) => p.handledJobs()).sort()).toEqual(Object.values(JobName).sort());
    } finally {
      await worker.stop();
    }
  });
});

describe('PROVIDERS=sandbox in production (set explicitly)', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startApp({ env: { NODE_ENV: 'production', PROVIDERS: 'sandbox', SESSION_SECRET: 'test-sandbox-production-session-secret-0123456789' } });
    await resetState(t);
  });
  afterAll(async () => t?.close());

  /** The development routes: a stranger must not read sign-in links or SMS codes, nor cancel someone's subscription. */
  const DEVELOPMENT_ROUTES = SANDBOX_ROUTES.filter((r) => !r.url.startsWith('/sandbox-assets'));

  it('answers the development inbox, outbox, checkout and portal routes to nobody but staff: 401 anonymous, 403 for members and API keys', async () => {
    const member = await signInAs(t, 'owner@coolair.example');
    const businessId = await createBusiness(t, { ownerId: member.userId });
    const key = await (await member.request(`/v1/businesses/${businessId}/api-keys`, { method: 'POST', json: { name: 'k' } })).json();
    expect(DEVELOPMENT_ROUTES.map((r) => r.url)).toEqual(expect.arrayContaining(['/v1/sandbox/emails', '/v1/sandbox/messages', '/v1/sandbox/portal/:customerId/cancel']));
    for (const route of DEVELOPMENT_ROUTES) {
      const init = { method: route.method, ...(route.method === 'POST' ? { json: {} } : {}) };
      const anonymous = await t.request(route.example, init);
      expect([route.method, route.example, anonymous.status, (await anonymous.json()).code]).toEqual([route.method, route.example, 401, 'AUTH.UNAUTHENTICATED']);
      const asMember = await member.request(route.example, init);
      expect([route.method, route.example, asMember.status, (await asMember.json()).code]).toEqual([route.method, route.example, 403, 'AUTH.FORBIDDEN']);
      const asKey = await t.request(route.example, { ...init, headers: { authorization: `Bearer ${key.key}` } });
      expect([route.method, route.example, asKey.status]).toEqual([route.method, route.example, 403]);
    }
  });

  it('answers staff', async () => {
    const staff = await signInAs(t, 'staff@beaker.example', { role: 'admin' });
    expect((await staff.request('/v1/sandbox/emails?to=someone%40example.com')).status).toBe(200);
    expect((await staff.request('/v1/sandbox/messages')).status).toBe(200);
    expect((await (await staff.request('/v1/sandbox/portal/cus_1/cancel', { method: 'POST', json: {} })).json()).code).toBe('SANDBOX.CUSTOMER_NOT_FOUND');
  });

  it('still serves the simulated recordings (what the call report plays) to anyone', async () => {
    const res = await t.request(`/sandbox-assets/recordings/${randomUUID()}.wav`);
    expect(res.status).not.toBe(401);
    expect(res.status).not.toBe(403);
  });
});

describe('PROVIDERS=sandbox with SMTP_URL', () => {
  it('sends mail over SMTP: no development inbox, the other simulators stay', async () => {
    const t = await startApp({ env: { SMTP_URL: 'smtp://127.0.0.1:1' } });
    try {
      expect(t.app.get(Mailer)).toBeInstanceOf(SmtpMailer);
      expect(resolvable(t, DevInbox)).toBe(false);
      expect((await t.request('/v1/sandbox/emails?to=someone%40example.com')).status).toBe(404);
      expect((await t.request('/v1/sandbox/messages')).status).toBe(200);
      expect(t.app.get(VoiceAgentPort)).toBeInstanceOf(VapiSandbox);
    } finally {
      await t.close();
    }
  });
});

describe('job registry by mode', () => {
  class StraySandboxProcessor extends QueueProcessor<QueueName.Sandbox> {
    readonly queue = QueueName.Sandbox;
    protected readonly handlers: JobHandlers<QueueName.Sandbox> = { [JobName.SandboxVapiCallStep]: async () => undefined };
  }

  it('refuses a processor for a queue that does not exist in the mode (the sandbox queue in live mode)', () => {
    expect(() => checkProcessors([new StraySandboxProcessor()], queuesFor({ sandbox: false }))).toThrow(
      'StraySandboxProcessor process queue "sandbox", which does not exist in this mode',
    );
  });
});
