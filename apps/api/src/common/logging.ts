import fs from 'node:fs';
import pino, { type DestinationStream, type Logger, type LoggerOptions } from 'pino';

/** Keys whose values never reach a log line, wherever they appear. */
export const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'req.headers["x-csrf-token"]',
  'req.headers["stripe-signature"]',
  'req.headers["x-twilio-signature"]',
  'req.headers["x-vapi-secret"]',
  'req.headers["x-vapi-signature"]',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'headers.cookie',
  '*.token',
  '*.apiKey',
  '*.key',
  '*.secret',
  '*.password',
  '*.code',
  '*.sessionId',
  'token',
  'apiKey',
  'secret',
];

let lastMs = 0;
let lastTime = '';
/** pino's `,"time":"<ISO time>"` field, formatted once per millisecond: under load many lines share one. */
export function isoTimeField(now = Date.now()): string {
  if (now !== lastMs) {
    lastMs = now;
    lastTime = `,"time":"${new Date(now).toISOString()}"`;
  }
  return lastTime;
}

export function pinoOptions(level: string, pretty = false): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
    base: { service: 'beaker-api' },
    timestamp: isoTimeField,
    ...(pretty ? { transport: { target: 'pino-pretty', options: { singleLine: true } } } : {}),
  };
}

const sinks = new Set<LineSink>();
/** What a LineSink keeps for a descriptor that refuses bytes for now (see LineSink.keep). */
const MAX_BACKLOG_BYTES = 16 * 1024 * 1024;

function countLines(bytes: Buffer): number {
  let n = 0;
  for (let i = bytes.indexOf(10); i !== -1; i = bytes.indexOf(10, i + 1)) n++;
  return n;
}
let exitHookInstalled = false;
const sleeper = new Int32Array(new SharedArrayBuffer(4));

/** The bytes a LineSink gathers in place before it sets them aside as a chunk (rarely reached). */
const POOL_BYTES = 64 * 1024;

/**
 * Where log lines go: they gather during one turn of the event loop and leave with one write(2)
 * right after it (setImmediate), on the main thread. Each line is encoded as it arrives into one
 * reused buffer, so a line is garbage as soon as it is written and the flush copies nothing.
 * (Holding the turn's strings for a join kept them alive through the turn and encoded them twice:
 * 3 to 6 % of a plain GET's throughput under load. pino.destination({sync:false}) re-measures and
 * re-flattens its whole pending buffer for every line while a write is in flight, and each of its
 * writes is a round trip through libuv's thread pool.)
 * A descriptor that refuses bytes for now (a full non-blocking pipe: EAGAIN) keeps them, in order,
 * for a retry; what is left is written synchronously when the process exits.
 */
export class LineSink implements DestinationStream {
  private pool = Buffer.allocUnsafe(POOL_BYTES);
  private used = 0;
  /** Full pools and oversized lines set aside in order, before what the pool holds now. */
  private chunks: Buffer[] = [];
  private backlog: Buffer | null = null;
  private scheduled = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private dropped = 0;
  private retryDelayMs = 0;
  private readonly producers: Array<() => void> = [];
  private producing = false;

  constructor(private readonly fd: number) {
    sinks.add(this);
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      process.once('exit', () => sinks.forEach((sink) => sink.flushSync()));
    }
  }

  write(line: string): boolean {
    // A UTF-16 unit is at most 3 bytes of UTF-8: the bound needs no measuring.
    const atMost = line.length * 3;
    if (this.used + atMost > POOL_BYTES) this.setPoolAside();
    if (atMost > POOL_BYTES) this.chunks.push(Buffer.from(line));
    else this.used += (this.pool as unknown as { utf8Write(text: string, offset: number): number }).utf8Write(line, this.used);
    if (!this.producing) this.wake();
    return true;
  }

  /**
   * Registers a producer: code that keeps what its lines are made of during the turn and writes
   * them (with write) when the sink calls it: just before the turn's lines leave, and at exit. It
   * calls wake() when it has something pending.
   */
  addProducer(produce: () => void): void {
    this.producers.push(produce);
  }

  /** Makes sure the turn's lines leave once the turn is over. */
  wake(): void {
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flushSoon);
    }
  }

  private produce(): void {
    this.producing = true;
    try {
      for (const produce of this.producers) produce();
    } finally {
      this.producing = false;
    }
  }

  private setPoolAside(): void {
    if (this.used === 0) return;
    this.chunks.push(this.pool.subarray(0, this.used));
    this.pool = Buffer.allocUnsafe(POOL_BYTES);
    this.used = 0;
  }

  /** pino's logger.flush(): writes what is pending now. */
  flush(callback?: (err?: Error) => void): void {
    this.drain(false);
    callback?.();
  }

  /** Writes everything pending now, waiting out EAGAIN (process exit). */
  flushSync(): void {
    this.drain(true);
  }

  private readonly flushSoon = (): void => {
    this.scheduled = false;
    // While the descriptor refuses bytes, the retry timer drains (and lines gather meanwhile).
    if (this.retryTimer) this.produce();
    else this.drain(false);
  };

  /**
   * Keeps what the descriptor refused, up to MAX_BACKLOG_BYTES: a reader that stopped reading must
   * not grow the process until it dies. Beyond that, lines are dropped and counted; the count is
   * written once the descriptor takes bytes again.
   */
  private keep(rest: Buffer): void {
    if (rest.length <= MAX_BACKLOG_BYTES) {
      this.backlog = rest;
      return;
    }
    const cut = rest.length - MAX_BACKLOG_BYTES;
    const kept = rest.subarray(cut);
    // Whole lines only: start after the first newline, unless the cut is at a line's start.
    const start = rest[cut - 1] === 10 ? 0 : kept.indexOf(10) + 1;
    this.dropped += countLines(rest.subarray(0, rest.length - kept.length + start));
    this.backlog = kept.subarray(start);
  }

  private drain(block: boolean): void {
    this.produce();
    const parts: Buffer[] = [];
    if (this.backlog) parts.push(this.backlog);
    if (this.dropped > 0 && !this.backlog) {
      parts.push(Buffer.from(`${JSON.stringify({ level: 40, time: new Date().toISOString(), msg: `${this.dropped} log lines dropped: stdout was not being read` })}\n`));
      this.dropped = 0;
    }
    parts.push(...this.chunks);
    const inPool = this.used;
    if (inPool > 0) parts.push(this.pool.subarray(0, inPool));
    this.backlog = null;
    this.chunks = [];
    this.used = 0;
    if (parts.length === 0) return;
    // Most often the pool alone: written from where it lies. Whatever is kept for later is a copy
    // (keep), since the pool takes the next lines.
    const bytes = parts.length === 1 ? parts[0] : Buffer.concat(parts);
    const pooled = parts.length === 1 && inPool > 0;
    let offset = 0;
    const deadline = block ? Date.now() + 2000 : 0;
    while (offset < bytes.length) {
      try {
        offset += fs.writeSync(this.fd, bytes, offset, bytes.length - offset);
      } catch (err) {
        if ((err as NodeJS.ErrnoException).code !== 'EAGAIN') return; // EPIPE, EBADF…: nowhere to write, nothing to keep
        if (block && Date.now() < deadline) {
          Atomics.wait(sleeper, 0, 0, 1);
          continue;
        }
        if (!block) {
          this.keep(pooled ? Buffer.from(bytes.subarray(offset)) : bytes.subarray(offset));
          // Retry soon, then less often while the reader stays away (10 ms doubling to 1 s).
          this.retryDelayMs = Math.min(this.retryDelayMs * 2 || 10, 1000);
          this.retryTimer ??= setTimeout(() => {
            this.retryTimer = null;
            this.drain(false);
          }, this.retryDelayMs).unref();
        }
        return;
      }
    }
    this.retryDelayMs = 0;
  }
}

/** The process's logger: JSON lines on stdout through a {@link LineSink}. */
export function createLogger(options: { level: string; service: string; pretty?: boolean }): Logger {
  const settings: LoggerOptions = { ...pinoOptions(options.level, options.pretty), base: { service: options.service } };
  if (options.pretty) return pino(settings);
  return pino(settings, new LineSink(1));
}
