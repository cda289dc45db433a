import { ERROR_CATALOG, type ErrorCode } from '@beaker/contracts';

/**
 * An expected failure with a stable code. Its status and title are the code's in the catalog of
 * @beaker/contracts (ERROR_CATALOG); modules declare their classes in `<module>.errors.ts` with
 * `defineError`, and the global filter turns them into RFC 9457 problem+json answers.
 */
export class DomainError extends Error {
  readonly status: number;
  readonly title: string;

  constructor(
    readonly code: ErrorCode,
    detail?: string,
    /** Extra members of the problem body (e.g. retryAfterSeconds); never secrets. */
    readonly extensions: Record<string, unknown> = {},
  ) {
    const { status, title } = ERROR_CATALOG[code];
    super(detail ?? title);
    this.status = status;
    this.title = title;
    this.name = code;
  }
}

/** Any DomainError class that names its code: what a route declares it may answer (`@Endpoint({ errors })`). */
export type DeclarableError = (abstract new (...args: never[]) => DomainError) & { readonly code: ErrorCode };

export interface DomainErrorClass<C extends ErrorCode = ErrorCode> {
  new (detail?: string, extensions?: Record<string, unknown>): DomainError;
  readonly code: C;
}

/** The base of an error class of one code (`defineError('TRIALS.CODE_INVALID')`): status and title come from the catalog. */
export function defineError<C extends ErrorCode>(code: C): DomainErrorClass<C> {
  return class extends DomainError {
    static readonly code = code;
    constructor(detail?: string, extensions?: Record<string, unknown>) {
      super(code, detail, extensions);
    }
  };
}
