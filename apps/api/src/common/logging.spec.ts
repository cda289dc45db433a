import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { createLogOutput, MAX_BUFFERED_LOG_BYTES } from './logging';

async function until(condition: () => boolean, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe('createLogOutput', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(join(os.tmpdir(), 'beaker-log-'));
  });
  afterEach(() => {
    jest.restoreAllMocks();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it("writes pino's JSON lines, and what else is handed to it, through the destination it returns", async () => {
    const file = join(dir, 'out.log');
    const { logger, destination } = createLogOutput({ level: 'info', service: 'beaker-test', fd: fs.openSync(file, 'w') });
    logger.info({ token: 'abc' }, 'hello');
    destination.write('{"msg":"request"}\n');
    logger.debug('below the level');
    const lines = () => fs.readFileSync(file, 'utf8').split('\n').filter(Boolean);
    await until(() => lines().length >= 2);
    expect(lines().map((l) => JSON.parse(l))).toEqual([
      expect.objectContaining({ level: 30, service: 'beaker-test', token: '[REDACTED]', msg: 'hello', time: expect.stringMatching(/Z$/) }),
      { msg: 'request' },
    ]);
    destination.end!();
  });

  it('keeps what the descriptor refused for now (EAGAIN) and writes it later, in order', async () => {
    const fd = fs.openSync(join(dir, 'out.log'), 'w');
    const written: string[] = [];
    let refusals = 2;
    const write = fs.write.bind(fs);
    jest.spyOn(fs, 'write').mockImplementation(((target: number, data: unknown, ...rest: unknown[]) => {
      if (target !== fd) return (write as (...args: unknown[]) => void)(target, data, ...rest);
      const callback = rest.find((r) => typeof r === 'function') as (err: Error | null, n?: number) => void;
      if (refusals-- > 0) return process.nextTick(callback, Object.assign(new Error('busy'), { code: 'EAGAIN' }));
      const text = String(data);
      written.push(text);
      process.nextTick(callback, null, Buffer.byteLength(text));
    }) as typeof fs.write);
    const { logger, destination } = createLogOutput({ level: 'info', service: 'beaker-test', fd });
    logger.info('one');
    logger.info('two');
    destination.write('three\n');
    await until(() => written.join('').includes('three'));
    const out = written.join('').split('\n').filter(Boolean);
    expect(out.map((l) => (l.startsWith('{') ? JSON.parse(l).msg : l))).toEqual(['one', 'two', 'three']);
    destination.end!();
  });

  it('keeps at most 16 MiB for a reader that stopped reading, drops whole lines beyond, keeps serving, and says how many it dropped', async () => {
    // A real process whose stdout nobody reads for now: it writes 40 MiB of 1 KiB lines through
    // its log destination, then reports how its event loop and memory fared.
    const script = `
      const { createLogOutput } = require(${JSON.stringify(join(__dirname, 'logging.ts'))});
      const { destination } = createLogOutput({ level: 'info', service: 'beaker-test' });
      const line = 'x'.repeat(1023) + '\\n';
      global.gc();
      const heapBefore = process.memoryUsage().heapUsed;
      let maxLagMs = 0;
      let last = Date.now();
      const ticker = setInterval(() => { const now = Date.now(); maxLagMs = Math.max(maxLagMs, now - last - 5); last = now; }, 5);
      let written = 0;
      const burst = () => {
        for (let i = 0; i < 1024; i++) destination.write(line);
        written += 1024;
        if (written < 40 * 1024) return setTimeout(burst, 1);
        setTimeout(() => {
          clearInterval(ticker);
          global.gc();
          process.stderr.write(JSON.stringify({ written, maxLagMs, heapGrowth: process.memoryUsage().heapUsed - heapBefore }) + '\\n');
        }, 200);
      };
      burst();
    `;
    const child = spawn(process.execPath, ['--expose-gc', '-r', join(__dirname, '../../test/support/ts-register.js'), '-e', script], { stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.pause();
    let report = '';
    child.stderr.on('data', (chunk: Buffer) => (report += chunk.toString()));
    await until(() => report.includes('\n'), 20000);
    const { written, maxLagMs, heapGrowth } = JSON.parse(report) as { written: number; maxLagMs: number; heapGrowth: number };

    const out: Buffer[] = [];
    child.stdout.on('data', (chunk: Buffer) => out.push(chunk));
    child.stdout.resume();
    const code = await new Promise((r) => child.once('close', r));
    const lines = Buffer.concat(out).toString().split('\n').filter(Boolean);
    const kept = lines.filter((l) => l === 'x'.repeat(1023)).length;
    const notice = lines.map((l) => (l.startsWith('{') ? JSON.parse(l) : null)).find((l) => l?.dropped);

    expect(code).toBe(0);
    expect(written).toBe(40 * 1024);
    // What sonic-boom held (16 MiB) plus what the pipe itself held, and nothing more.
    expect(kept).toBeGreaterThanOrEqual(MAX_BUFFERED_LOG_BYTES / 1024 - 1);
    expect(kept).toBeLessThan(MAX_BUFFERED_LOG_BYTES / 1024 + 2048);
    expect(notice).toMatchObject({ level: 40, service: 'beaker-test', dropped: written - kept, msg: `${written - kept} log lines dropped: stdout was not being read` });
    // What it holds is what it kept (the 40 MiB written would be 40 MiB held without the bound).
    expect(heapGrowth).toBeLessThan(1.5 * MAX_BUFFERED_LOG_BYTES);
    expect(maxLagMs).toBeLessThan(1000); // writes never waited for the reader
  }, 30000);
});
