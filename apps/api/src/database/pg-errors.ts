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
