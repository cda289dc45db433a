import type { ErrorCode, FieldProblem, ProblemDetails } from '@beaker/contracts';

/** Codes the client invents when the server never produced a problem document. */
export const CLIENT_ERROR_CODES = {
  network: 'NETWORK.UNREACHABLE',
  unexpectedResponse: 'HTTP.UNEXPECTED_RESPONSE',
} as const;

export type ClientErrorCode = (typeof CLIENT_ERROR_CODES)[keyof typeof CLIENT_ERROR_CODES];

/**
 * Every failed API call throws this. Screens branch on `code` (stable, from the API's problem+json),
 * never on the human-readable title.
 */
export class ApiError extends Error {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly detail?: string;
  readonly code: string;
  readonly errors: FieldProblem[];
  readonly errorId?: string;
  /** Seconds to wait before trying again, from Retry-After or the problem body (rate limits). */
  readonly retryAfterSeconds?: number;

  constructor(problem: ProblemDetails & { retryAfterSeconds?: number }) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.type = problem.type;
    this.title = problem.title;
    this.status = problem.status;
    this.detail = problem.detail;
    this.code = problem.code;
    this.errors = problem.errors ?? [];
    this.errorId = problem.errorId;
    this.retryAfterSeconds = problem.retryAfterSeconds;
  }

  /** The messages the API gave for one field of a validation failure. */
  fieldMessages(field: string): string[] {
    return this.errors.find((e) => e.field === field)?.messages ?? [];
  }
}

/** Whether `error` is an ApiError, with this code when one is given (a code of the API's catalog in @beaker/contracts, or the client's own). */
export function isApiError(error: unknown, code?: ErrorCode | ClientErrorCode): error is ApiError {
  return error instanceof ApiError && (code === undefined || error.code === code);
}
