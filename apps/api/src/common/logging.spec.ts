import fs from 'node:fs';
import { captureWrites } from '../../test/support/captured-writes';
import { LineSink } from './logging';

describe('LineSink', () => {
  afterEach(() => jest.restoreAllMocks());

  it('writes the lines of one event-loop turn with one write, in order', async () => {
    const writes = captureWrites();
    const sink = new LineSink(99);
    sink.write('a\n');
    sink.write('b\n');
    expect(writes).toEqual([]);
    await new Promise((r) => setImmediate(r));
    expect(writes).toEqual(['a\nb\n']);
  });

  it('keeps what the descriptor refused (EAGAIN, partial writes) and writes it first, in order', async () => {
    const written: string[] = [];
    let calls = 0;
    jest.spyOn(fs, 'writeSync').mockImplementation(((_fd: number, data: Buffer, offset: number, length: number) => {
      calls++;
      if (calls === 1) {
        written.push(data.subarray(offset, offset + 1).toString());
        return 1; // partial
      }
      if (calls === 2) throw Object.assign(new Error('busy'), { code: 'EAGAIN' });
      written.push(data.subarray(offset, offset + length).toString());
      return length;
    }) as typeof fs.writeSync);
    const sink = new LineSink(99);
    sink.write('one\n');
    await new Promise((r) => setImmediate(r));
    sink.write('two\n');
    sink.flushSync();
    expect(written.join('')).toBe('one\ntwo\n');
  });

  it('keeps at most 16 MB for a reader that stopped reading, drops whole lines beyond and says how many', async () => {
    let refusing = true;
    const written: string[] = [];
    jest.spyOn(fs, 'writeSync').mockImplementation(((_fd: number, data: Buffer, offset: number, length: number) => {
      if (refusing) throw Object.assign(new Error('busy'), { code: 'EAGAIN' });
      written.push(data.subarray(offset, offset + length).toString());
      return length;
    }) as typeof fs.writeSync);
    const sink = new LineSink(99);
    const line = `${'x'.repeat(1023)}\n`; // 1 KiB
    for (let i = 0; i < 20 * 1024; i++) sink.write(line); // 20 MiB
    await new Promise((r) => setImmediate(r));
    refusing = false;
    sink.write('last\n');
    sink.flushSync();
    sink.flushSync(); // the count of dropped lines comes with the next write
    const out = written.join('');
    const lines = out.split('\n').filter(Boolean);
    expect(lines.filter((l) => l === 'x'.repeat(1023))).toHaveLength(16 * 1024);
    expect(out.endsWith('last\n') || out.includes('last\n')).toBe(true);
    const notice = lines.find((l) => l.includes('log lines dropped'));
    expect(JSON.parse(notice!)).toMatchObject({ level: 40, msg: '4096 log lines dropped: stdout was not being read' });
  });
});
