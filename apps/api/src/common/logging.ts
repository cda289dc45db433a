import pino, { type Logger, type LoggerOptions } from 'pino';

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
/** ISO time, formatted once per millisecond: under load many lines share one. */
function isoTime(): string {
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
    timestamp: isoTime,
    ...(pretty ? { transport: { target: 'pino-pretty', options: { singleLine: true } } } : {}),
  };
}

/**
 * The process's logger. Lines go to stdout without blocking the event loop: while one write is in
 * flight the next lines gather behind it, so a busy process makes one write per batch, not one per
 * line (pino flushes what is left when the process exits).
 */
export function createLogger(options: { level: string; service: string; pretty?: boolean }): Logger {
  const settings: LoggerOptions = { ...pinoOptions(options.level, options.pretty), base: { service: options.service } };
  if (options.pretty) return pino(settings);
  return pino(settings, pino.destination({ dest: 1, sync: false }));
}

/**
 * The one-line-per-request logger: a child without redaction, because the request line is built
 * from fields chosen for it (method, redacted URL, status, time, ip) and never holds a secret;
 * skipping redaction's path walk on every request is most of what a log line costs.
 */
export function accessLogger(root: Logger): Logger {
  return root.child({}, { redact: { paths: [] } });
}
