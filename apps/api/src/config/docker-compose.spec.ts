import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEnv } from './env.schema';

const compose = readFileSync(join(__dirname, '../../../../docker-compose.yml'), 'utf8');

/** The `ports:` of one service of docker-compose.yml, as written. */
function portsOf(service: string): string[] {
  const block = new RegExp(`^  ${service}:\\n((?:    .*\\n|\\n)*)`, 'm').exec(compose)?.[1] ?? '';
  const ports = /^ {4}ports: \[(.*)\]$/m.exec(block)?.[1];
  return ports ? ports.split(',').map((p) => p.trim().replace(/^'|'$/g, '')) : [];
}

describe('docker-compose.yml', () => {
  it.each(['postgres', 'redis', 'maildev'])('publishes %s on 127.0.0.1 only (no password, no auth: never on other interfaces)', (service) => {
    const ports = portsOf(service);
    expect(ports.length).toBeGreaterThan(0);
    for (const port of ports) expect([service, port]).toEqual([service, expect.stringMatching(/^127\.0\.0\.1:\d+:\d+$/)]);
  });

  it("has a SESSION_SECRET default that production refuses", () => {
    const fallback = /SESSION_SECRET: \$\{SESSION_SECRET:-([^}]+)\}/.exec(compose)?.[1];
    expect(fallback).toBeDefined();
    expect(() => parseEnv({ NODE_ENV: 'production', PROVIDERS: 'sandbox', SESSION_SECRET: fallback! })).toThrow(/SESSION_SECRET: must be set in production/);
  });
});
