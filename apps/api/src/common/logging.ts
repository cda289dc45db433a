import type { LoggerOptions } from 'pino';

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

export function pinoOptions(level: string, pretty = false): LoggerOptions {
  return {
    level,
    redact: { paths: REDACT_PATHS, censor: '[REDACTED]' },
    base: { service: 'beaker-api' },
    timestamp: () => `,"time":"${new Date().toISOString()}"`,
    ...(pretty ? { transport: { target: 'pino-pretty', options: { singleLine: true } } } : {}),
  };
}
