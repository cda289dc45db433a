/**
 * An expected failure with a stable code. Modules declare theirs in `<module>.errors.ts` with
 * `defineError`, and the global filter turns them into RFC 9457 problem+json answers.
 */
export class DomainError extends Error {
  constructor(
    readonly code: string,
    readonly status: number,
    readonly title: string,
    detail?: string,
    /** Extra members of the problem body (e.g. retryAfterSeconds); never secrets. */
    readonly extensions: Record<string, unknown> = {},
  ) {
    super(detail ?? title);
    this.name = code;
  }
}

export interface DomainErrorClass {
  new (detail?: string, extensions?: Record<string, unknown>): DomainError;
  readonly code: string;
  readonly status: number;
}

export function defineError(code: string, status: number, title: string): DomainErrorClass {
  return class extends DomainError {
    static readonly code = code;
    static readonly status = status;
    constructor(detail?: string, extensions?: Record<string, unknown>) {
      super(code, status, title, detail, extensions);
    }
  };
}
