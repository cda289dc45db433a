import type { AdminSearchHit } from '@beaker/contracts';

/**
 * Staff search (GET /v1/admin/search?q=): what one typed query can be, read once by the admin
 * module and handed to every module's own search (each searches its own tables, with its indexes).
 */
export interface SearchTerms {
  /** Trimmed, as typed: exact keys are compared as they are (Stripe ids, Twilio sids, event ids). */
  raw: string;
  /** Lower-cased: emails and names. */
  lower: string;
  /** The text as a UUID (lower case) when it is one: ids, and Vapi's call ids. */
  uuid: string | null;
  /** The text as E.164 when it reads as a phone number: `(773) 555-0100`, `7735550100`, `+17735550100`. */
  phone: string | null;
  /**
   * Whether a search for parts of names and emails makes sense: 3 characters or more (the trigram
   * indexes need them), and not shaped like a provider's key (`cus_…`, `evt_…`, `CA…`), which is
   * looked up whole.
   */
  partial: boolean;
  /** How many matches a kind returns at most. */
  limit: number;
}

/** How good a match is: the whole key, the start of a name or email, or a part of it. */
export const MATCH = { exact: 0, prefix: 1, partial: 2 } as const;
export type MatchRank = (typeof MATCH)[keyof typeof MATCH];

/** One module's answer: the hit and how good a match it is. */
export interface StaffSearchMatch extends AdminSearchHit {
  rank: MatchRank;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Provider keys: `cus_NffrFeUfNV2Hib`, `evt_1N…`, `sub_…`, a Twilio call sid `CA` + 32 hex digits. */
const PROVIDER_KEY = /^(?:[a-z]{2,8}_[A-Za-z0-9_]*[0-9][A-Za-z0-9_]*|CA[0-9a-f]{32})$/;
/** What a typed phone number is made of. */
const PHONE_CHARS = /^\+?[\d\s().-]+$/;

/**
 * A phone number as E.164, from the ways people type one: national US/CA numbers (10 digits, or 11
 * starting with 1) become +1…, and `+` with 8 to 15 digits is taken as it is. Null for anything else.
 */
export function phoneFromQuery(text: string): string | null {
  if (!PHONE_CHARS.test(text)) return null;
  const digits = text.replace(/\D/g, '');
  if (text.trim().startsWith('+')) return digits.length >= 8 && digits.length <= 15 && digits[0] !== '0' ? `+${digits}` : null;
  if (digits.length === 10 && /^[2-9]/.test(digits)) return `+1${digits}`;
  if (digits.length === 11 && digits.startsWith('1')) return `+${digits}`;
  return null;
}

export function parseSearchTerms(q: string, limit: number): SearchTerms {
  const raw = q.trim();
  return {
    raw,
    lower: raw.toLowerCase(),
    uuid: UUID.test(raw) ? raw.toLowerCase() : null,
    phone: phoneFromQuery(raw),
    partial: raw.length >= 3 && !PROVIDER_KEY.test(raw),
    limit,
  };
}

/** LIKE's wildcards escaped (use with `ESCAPE '\'`): the query is text to find, not a pattern. */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}

/** The best rank per (kind, id): a thing found by two of its keys is listed once. */
export function bestMatches(matches: StaffSearchMatch[]): StaffSearchMatch[] {
  const best = new Map<string, StaffSearchMatch>();
  for (const m of matches) {
    const key = `${m.kind}:${m.id}`;
    const seen = best.get(key);
    if (!seen || m.rank < seen.rank) best.set(key, m);
  }
  return [...best.values()];
}
