/** RFC 9457 problem details, as every error of the API is answered. */
export interface ProblemDetails {
  type: string;
  title: string;
  status: number;
  detail?: string;
  /**
   * Stable, machine-readable code, e.g. `VALIDATION.FAILED`, `TRIALS.CALL_LIMIT_REACHED`: an
   * ErrorCode of ERROR_CATALOG, or HTTP_<status> for a framework refusal without one. Typed as a
   * string so that a client keeps working when a newer server answers a code it does not know.
   */
  code: string;
  /** Per-field problems of a validation failure. */
  errors?: FieldProblem[];
  /** Present on 500s: the same id is in the server's log line. */
  errorId?: string;
}

export interface FieldProblem {
  field: string;
  messages: string[];
}

/** Every list endpoint answers this shape. */
export interface Page<T> {
  items: T[];
  nextCursor: string | null;
}

/** `?cursor=&limit=` of every list endpoint: `cursor` is the previous page's nextCursor; limit 1–100 (default 25). */
export interface PageQuery {
  cursor?: string;
  limit?: number;
}

export interface HealthReport {
  status: 'ok' | 'unavailable';
  /** What is down, by name only: the reason goes to the log, never to the public. */
  checks: Record<string, { status: 'up' | 'down' }>;
}
