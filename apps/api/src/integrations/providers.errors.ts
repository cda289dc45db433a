import type { ErrorCode, Provider } from '@beaker/contracts';
import { DomainError } from '../common/errors/domain-error';

/**
 * Failures of Vapi, Twilio and Stripe as the rest of the product sees them. Adapters throw these
 * (never an SDK's own error); the resilience layer retries the transient ones and counts them
 * against the breaker. They are DomainErrors, so one that reaches the HTTP layer unhandled is
 * answered with a stable code; feature modules may catch them and throw their own codes instead.
 */
export interface ProviderErrorDetails {
  provider: Provider;
  /** The breaker name `<provider>:<operation>`. */
  operation: string;
  /** The provider's HTTP status, when it answered. */
  providerStatus?: number;
  /** The provider's own error code (Stripe `resource_missing`, Twilio 21211, …). */
  providerCode?: string;
  /** What the provider said; logged, never sent to our clients. */
  providerMessage?: string;
  /** From Retry-After, when the provider sent one. */
  retryAfterMs?: number;
  /**
   * The request certainly did not reach the provider (connection refused, DNS, 429): safe to
   * retry even for operations that are not idempotent.
   */
  notSent?: boolean;
  cause?: unknown;
}

export abstract class ProviderError extends DomainError {
  abstract readonly transient: boolean;
  readonly provider: Provider;
  readonly operation: string;
  readonly providerStatus?: number;
  readonly providerCode?: string;
  readonly providerMessage?: string;
  readonly retryAfterMs?: number;
  readonly notSent: boolean;

  protected constructor(code: ErrorCode, detail: string, details: ProviderErrorDetails, extensions: Record<string, unknown>) {
    super(code, detail, { provider: details.provider, ...extensions });
    this.provider = details.provider;
    this.operation = details.operation;
    this.providerStatus = details.providerStatus;
    this.providerCode = details.providerCode;
    this.providerMessage = details.providerMessage;
    this.retryAfterMs = details.retryAfterMs;
    this.notSent = details.notSent ?? false;
    if (details.cause !== undefined) (this as { cause?: unknown }).cause = details.cause;
  }

  /** For logs: everything we know, without secrets. */
  toLog(): Record<string, unknown> {
    return {
      provider: this.provider,
      operation: this.operation,
      providerStatus: this.providerStatus,
      providerCode: this.providerCode,
      providerMessage: this.providerMessage,
      retryAfterMs: this.retryAfterMs,
      transient: this.transient,
    };
  }
}

/** Timeouts, connection errors, 5xx and 429: retried, and counted against the breaker. */
export class TransientProviderError extends ProviderError {
  /** The provider cannot be reached or is failing (timeouts, 5xx, 429, a breaker open): try later. */
  static readonly code = 'PROVIDERS.UNAVAILABLE' satisfies ErrorCode;
  readonly transient = true;
  constructor(details: ProviderErrorDetails) {
    const retryAfterSeconds = details.retryAfterMs !== undefined ? Math.ceil(details.retryAfterMs / 1000) : undefined;
    super(
      TransientProviderError.code,
      `${details.provider} is not answering right now; try again shortly`,
      details,
      retryAfterSeconds !== undefined ? { retryAfterSeconds } : {},
    );
  }
}

/** 4xx other than 429: never retried, never counted against the breaker. */
export class PermanentProviderError extends ProviderError {
  /** The provider refused the request (4xx): retrying the same request will not help. */
  static readonly code = 'PROVIDERS.REJECTED' satisfies ErrorCode;
  readonly transient = false;
  constructor(details: ProviderErrorDetails) {
    super(PermanentProviderError.code, `${details.provider} refused the request`, details, {});
  }

  get notFound(): boolean {
    return this.providerStatus === 404;
  }
}

/** The breaker is open: failed fast, no request was made. */
export class ProviderCircuitOpenError extends TransientProviderError {
  constructor(provider: Provider, operation: string, retryAfterMs: number) {
    super({ provider, operation, retryAfterMs: Math.max(0, retryAfterMs), notSent: true, providerMessage: `circuit ${operation} is open` });
  }
}

export function isProviderError(err: unknown): err is ProviderError {
  return err instanceof ProviderError;
}

/** Retry-After is either delta-seconds or an HTTP date. */
export function parseRetryAfter(value: string | string[] | null | undefined, nowMs: number = Date.now()): number | undefined {
  const raw = Array.isArray(value) ? value[0] : value;
  if (raw === undefined || raw === null || raw === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(raw.trim())) return Math.round(Number(raw) * 1000);
  const at = Date.parse(raw);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** Node's network failures that mean the request never reached the other side. */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);
const NETWORK_CODES = new Set([...NOT_SENT_CODES, 'ECONNRESET', 'ETIMEDOUT', 'ECONNABORTED', 'EPIPE', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/** The system error code of a network failure, looking through `cause` chains (fetch wraps them). */
export function networkErrorCode(err: unknown): string | undefined {
  let current: unknown = err;
  for (let depth = 0; current && depth < 5; depth++) {
    const code = (current as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    const name = (current as { name?: unknown }).name;
    if (name === 'TimeoutError' || name === 'AbortError') return 'ETIMEDOUT';
    current = (current as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Classifies an HTTP answer of a provider. */
export function providerHttpError(
  base: Pick<ProviderErrorDetails, 'provider' | 'operation'>,
  status: number,
  extra: Omit<ProviderErrorDetails, 'provider' | 'operation' | 'providerStatus'> = {},
): ProviderError {
  const details: ProviderErrorDetails = { ...base, providerStatus: status, ...extra };
  if (status === 429) return new TransientProviderError({ ...details, notSent: true });
  if (status >= 500 || status === 408) return new TransientProviderError(details);
  return new PermanentProviderError(details);
}

/** Classifies a failure that is not an HTTP answer (network, timeout). Unknown errors are transient. */
export function providerNetworkError(base: Pick<ProviderErrorDetails, 'provider' | 'operation'>, err: unknown): TransientProviderError {
  const code = networkErrorCode(err);
  return new TransientProviderError({
    ...base,
    providerCode: code,
    providerMessage: err instanceof Error ? err.message : String(err),
    notSent: code !== undefined && NOT_SENT_CODES.has(code),
    cause: err,
  });
}
