import { createHash } from 'node:crypto';
import type { ConsentEvidence } from './entities/lead.entity';

const EVIDENCE_KEYS: (keyof ConsentEvidence)[] = ['consentText', 'consentVersion', 'formId', 'checkboxChecked', 'capturedAt', 'ip', 'userAgent', 'pageUrl', 'method'];

/**
 * The evidence as one canonical string: its fields in a fixed order, as JSON. The hash recorded at
 * submission is taken over this; recomputing it later shows whether what is stored still matches.
 */
export function canonicalEvidence(evidence: ConsentEvidence): string {
  return JSON.stringify(EVIDENCE_KEYS.map((key) => [key, evidence[key] ?? null]));
}

export function evidenceSha256(evidence: ConsentEvidence): string {
  return createHash('sha256').update(canonicalEvidence(evidence), 'utf8').digest('hex');
}
