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

export function pinoOptions(level: string): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
    base: { service: 'beaker-api' },
    timestamp: isoTimeField,
  };
}

/**
 * What stdout may hold for a reader that stopped reading (sonic-boom's `maxLength`): beyond it, each
 * line is dropped (and counted), so that a stuck log collector cannot grow the process until it dies.
 */
export const MAX_BUFFERED_LOG_BYTES = 16 * 1024 * 1024;

/** Where the process's log lines go: pino's own destination, or pino-pretty's transport on a terminal. */
export type LogDestination = DestinationStream & { flushSync?: () => void; end?: () => void };

/** The process's logger, and the destination it writes to (request lines are written there too). */
export interface LogOutput {
  logger: Logger;
  destination: LogDestination;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

/**
 * JSON lines on stdout through pino's own destination (sonic-boom), asynchronous, created here and
 * handed by reference to what writes beside pino (the request lines, see requestLineWriter).
 *
 * A reader that stops reading (a stuck log collector): sonic-boom keeps what it could not write, up
 * to MAX_BUFFERED_LOG_BYTES, retrying every 100 ms (a full non-blocking pipe) or waiting in one of
 * libuv's pool threads (a blocking one). Lines beyond that are dropped ('drop' events), counted,
 * and reported in one warn line once the buffer has drained. So the process keeps serving and its
 * memory stays bounded, and what it loses is log lines. With `sync: true` nothing would be dropped,
 * but the event loop would stop with the reader (sonic-boom then sleeps 100 ms per refused write,
 * for as long as writes are refused): a log collector's hiccup should not stop the API.
 *
 * At exit pino writes what is left synchronously (retrying every 100 ms while the reader still
 * reads nothing); a write in flight at that moment may land after lines written later.
 */
export function createLogOutput(options: { level: string; service: string; pretty?: boolean; fd?: number }): LogOutput {
  const settings: LoggerOptions = { ...pinoOptions(options.level), base: { service: options.service } };
  if (options.pretty) {
    // Development on a terminal: pino-pretty in pino's worker-thread transport.
    const destination = pino.transport({ target: 'pino-pretty', options: { singleLine: true } }) as LogDestination;
    return { logger: pino(settings, destination), destination };
  }
  const destination = pino.destination({ dest: options.fd ?? 1, sync: false, maxLength: MAX_BUFFERED_LOG_BYTES });
  const logger = pino(settings, destination);
  let dropped = 0;
  destination.on('drop', (data: string) => {
    dropped += countLines(String(data));
  });
  destination.on('drain', () => {
    if (dropped === 0) return;
    const count = dropped;
    dropped = 0;
    logger.warn({ dropped: count }, `${count} log lines dropped: stdout was not being read`);
  });
  return { logger, destination };
}

/** The process's logger alone (the worker's, and the fallback when the HTTP app has not made one). */
export function createLogger(options: { level: string; service: string; pretty?: boolean }): Logger {
  return createLogOutput(options).logger;
}
