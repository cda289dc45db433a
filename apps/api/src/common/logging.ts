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
export function isoTimeField(): string {
  const now = Date.now();
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

/**
 * Where log lines go: they gather during one turn of the event loop and leave with one write(2)
 * right after it (setImmediate), on the main thread. Each line costs an array push, whatever the
 * load. (pino.destination({sync:false}) re-measures and re-flattens its whole pending buffer for
 * every line while a write is in flight, which under load cost more than the line itself; and
 * each of its writes is a round trip through libuv's thread pool.)
 * A descriptor that refuses bytes for now (a full non-blocking pipe: EAGAIN) keeps them, in order,
 * for a retry; what is left is written synchronously when the process exits.
 */
export class LineSink implements DestinationStream {
  private lines: string[] = [];
  private backlog: Buffer | null = null;
  private scheduled = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private dropped = 0;
  private retryDelayMs = 0;

  constructor(private readonly fd: number) {
    sinks.add(this);
    if (!exitHookInstalled) {
      exitHookInstalled = true;
      process.once('exit', () => sinks.forEach((sink) => sink.flushSync()));
    }
  }

  write(line: string): boolean {
    this.lines.push(line);
    if (!this.scheduled) {
      this.scheduled = true;
      setImmediate(this.flushSoon);
    }
    return true;
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
    if (!this.retryTimer) this.drain(false);
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
    if (this.dropped > 0 && !this.backlog) {
      this.lines.unshift(`${JSON.stringify({ level: 40, time: new Date().toISOString(), msg: `${this.dropped} log lines dropped: stdout was not being read` })}\n`);
      this.dropped = 0;
    }
    let bytes: Buffer | null = this.lines.length > 0 ? Buffer.from(this.lines.length === 1 ? this.lines[0] : this.lines.join('')) : null;
    this.lines = [];
    if (this.backlog) {
      bytes = bytes ? Buffer.concat([this.backlog, bytes]) : this.backlog;
      this.backlog = null;
    }
    if (!bytes) return;
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
          this.keep(bytes.subarray(offset));
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
