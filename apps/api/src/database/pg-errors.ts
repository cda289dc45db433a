/**
 * Postgres errors we act on, whichever way they arrive: from pg directly (a `DatabaseError` with
 * `code` and `constraint`) or wrapped by TypeORM (a `QueryFailedError` that keeps the driver's
 * error in `driverError`). Codes: https://www.postgresql.org/docs/current/errcodes-appendix.html
 */
const UNIQUE_VIOLATION = '23505';
const CHECK_VIOLATION = '23514';

interface PgErrorFields {
  code?: unknown;
  constraint?: unknown;
  driverError?: { code?: unknown; constraint?: unknown };
}

/** The SQLSTATE of a database error, or undefined for anything else. */
export function pgErrorCode(err: unknown): string | undefined {
  const e = err as PgErrorFields | null;
  const code = e?.code ?? e?.driverError?.code;
  return typeof code === 'string' ? code : undefined;
}

/** The constraint a database error names, if any. */
export function violatedConstraint(err: unknown): string | undefined {
  const e = err as PgErrorFields | null;
  const name = e?.constraint ?? e?.driverError?.constraint;
  return typeof name === 'string' ? name : undefined;
}

/** A unique constraint refused the row; with `constraint`, only that one. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  return pgErrorCode(err) === UNIQUE_VIOLATION && (constraint === undefined || violatedConstraint(err) === constraint);
}

/** A CHECK constraint refused the row; with `constraint`, only that one. */
export function isCheckViolation(err: unknown, constraint?: string): boolean {
  return pgErrorCode(err) === CHECK_VIOLATION && (constraint === undefined || violatedConstraint(err) === constraint);
}

/** Class 22, "data exception": a value Postgres cannot store (e.g. \u0000 in jsonb). */
export function isDataError(err: unknown): boolean {
  return pgErrorCode(err)?.startsWith('22') === true;
}

/** Socket errors of a connection that could not be made or was lost. */
const CONNECTION_ERROR_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * The database, not the work, failed, and the same work will likely succeed once it is back: a
 * connection refused, lost or timed out (a restart, a failover), class 08 (connection exception),
 * 57P01–57P03 (shut down, crashed, not accepting connections yet), 53300 (too many connections),
 * a serialization failure or a deadlock (40001, 40P01).
 */
export function isTransientDatabaseError(err: unknown): boolean {
  const code = pgErrorCode(err);
  if (code !== undefined) {
    if (CONNECTION_ERROR_CODES.has(code)) return true;
    if (code.startsWith('08')) return true;
    if (code === '57P01' || code === '57P02' || code === '57P03' || code === '53300' || code === '40001' || code === '40P01') return true;
  }
  // pg's own, without a code: the socket went away mid-query, or no pooled connection in time.
  const message = err instanceof Error ? err.message : '';
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down)/i.test(message);
}
