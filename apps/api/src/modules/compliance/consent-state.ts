export interface ConsentState {
  /** A grant newer than any revocation is on file. */
  present: boolean;
  /** The newest record is a revocation. */
  revoked: boolean;
  lastGrantAt: Date | null;
  lastRevocationAt: Date | null;
}

/**
 * Reads "grant after the last revocation" from the two newest instants. A revocation counts from
 * when it was said or when we recorded it, whichever is later (a provider's clock must not date
 * it before a grant we already held); a grant counts from when it was captured, so old evidence
 * sent late never outranks a revocation.
 */
export function consentStateOf(lastGrantAt: Date | null, lastRevocationAt: Date | null): ConsentState {
  const revoked = lastRevocationAt !== null && (lastGrantAt === null || lastRevocationAt.getTime() >= lastGrantAt.getTime());
  return { present: lastGrantAt !== null && !revoked, revoked, lastGrantAt, lastRevocationAt };
}
