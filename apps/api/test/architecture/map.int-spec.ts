import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildMap } from '../../src/architecture/map';
import { startApp, TestApp } from '../harness';

/** docs/MAP.md is generated (`npm run map`); the committed one must be what the code says today. */
describe('docs/MAP.md', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startApp();
  });
  afterAll(async () => t.close());

  it('is up to date with the code (run `npm run map` after changing routes, jobs, webhook handlers, tables or module imports)', () => {
    const committed = readFileSync(join(__dirname, '../../../../docs/MAP.md'), 'utf8');
    const current = buildMap(t.app);
    // Compared line by line, so that a stale map shows what changed.
    expect(committed.split('\n')).toEqual(current.split('\n'));
  });

  it('covers every route, job, webhook handler and table of the app', () => {
    const map = buildMap(t.app);
    expect(map).toContain('| POST /v1/trials/{id}/calls | signed in or trial session | TrialsController.placeCall | Trials |');
    expect(map).toContain('| POST /v1/trials/start | public | TrialsController.start | Trials |');
    expect(map).toContain('| process-webhook-event | webhooks | critical | WebhooksProcessor |');
    expect(map).toContain('| vapi end-of-call-report | handler | VapiEndOfCallReportHandler.handle |');
    expect(map).toContain('| calls | calls | CallsRepository | ComplianceFactsReadModel |');
    expect(map).not.toContain('| ? |');
  });
});
