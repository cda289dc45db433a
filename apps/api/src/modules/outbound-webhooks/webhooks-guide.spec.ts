import { spawnSync } from 'node:child_process';
import { signatureHeader } from './delivery/signature';
import { WEBHOOKS_GUIDE } from './webhooks-guide';

/** The verification snippets of /docs work against what the sender signs (they are what integrators copy). */
describe('the webhooks guide on /docs', () => {
  const body = JSON.stringify({ id: 'evt-1', type: 'lead.created', created: '2026-03-10T16:00:00.000Z', apiVersion: '2026-12-01', data: { lead: { name: 'Jörg' } } });
  const now = Math.floor(Date.now() / 1000);
  const header = signatureHeader(['whsec_new', 'whsec_old'], body, now);

  const block = (language: string): string => {
    const match = new RegExp('```' + language + '\\n([\\s\\S]*?)```').exec(WEBHOOKS_GUIDE);
    if (!match) throw new Error(`no ${language} block in the guide`);
    return match[1];
  };

  it('Node: accepts either secret of a rotation, refuses another secret, a changed body, an old timestamp', () => {
    // The documented snippet itself, run as an integrator would.
    const verify = new Function('require', `${block('js')}\nreturn verifyBeakerSignature;`)(require) as (raw: string, header: string, secret: string) => boolean;
    expect(verify(body, header, 'whsec_new')).toBe(true);
    expect(verify(body, header, 'whsec_old')).toBe(true);
    expect(verify(body, header, 'whsec_other')).toBe(false);
    expect(verify(body.replace('Jörg', 'Jorg'), header, 'whsec_new')).toBe(false);
    expect(verify(body, signatureHeader(['whsec_new'], body, now - 600), 'whsec_new')).toBe(false);
  });

  const python = spawnSync('python3', ['--version']).status === 0;
  (python ? it : it.skip)('Python: the same', () => {
    const script = `${block('python')}
import sys
body = sys.stdin.buffer.read()
print(verify_beaker_signature(body, sys.argv[1], "whsec_old"), verify_beaker_signature(body, sys.argv[1], "whsec_other"))`;
    const run = spawnSync('python3', ['-c', script, header], { input: Buffer.from(body, 'utf8') });
    expect(run.stderr.toString()).toBe('');
    expect(run.stdout.toString().trim()).toBe('True False');
  });
});
