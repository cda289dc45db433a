/** Postgres error codes we act on (https://www.postgresql.org/docs/current/errcodes-appendix.html). */
const UNIQUE_VIOLATION = '23505';

/** A unique constraint refused the row; with `constraint`, only that one. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  // TypeORM wraps the driver's error in a QueryFailedError that copies its fields.
  const e = err as { code?: unknown; constraint?: unknown; driverError?: { code?: unknown; constraint?: unknown } } | null;
  const code = e?.code ?? e?.driverError?.code;
  const name = e?.constraint ?? e?.driverError?.constraint;
  return code === UNIQUE_VIOLATION && (constraint === undefined || name === constraint);
}
