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
export type LogDestination = DestinationStream & { flushSync?: () => void };

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
 * JSON lines on stdout through pino's own destination (sonic-boom), asynchronous: a write leaves
 * through libuv's thread pool while the next lines gather in sonic-boom's buffer, so a slow reader
 * never blocks the event loop. If the reader stops reading, sonic-boom keeps up to
 * MAX_BUFFERED_LOG_BYTES, retries every 100 ms, and drops lines beyond that ('drop' events), which
 * are counted and reported in one warn line once the buffer has drained. pino writes what is left
 * synchronously when the process exits (and waits, retrying, while the reader still reads nothing).
 */
export function createLogOutput(options: { level: string; service: string; pretty?: boolean; fd?: number }): LogOutput {
  const settings: LoggerOptions = { ...pinoOptions(options.level), base: { service: options.service } };
  if (options.pretty) {
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
