import { Injectable } from '@nestjs/common';
import { ADMIN_SEARCH_KINDS, type AdminSearchHit, type Page } from '@beaker/contracts';
import { InvalidCursor } from '../../common/errors/common.errors';
import { bestMatches, parseSearchTerms, type StaffSearchMatch } from '../../common/staff-search/search-terms';
import { UsersService } from '../auth';
import { BusinessesService } from '../businesses';
import { CallsService } from '../calls';
import { LeadViewsService } from '../leads';
import { TrialsService } from '../trials';
import { WebhookInspector } from '../webhooks';

/** A search answers at most this many things in all (refine the query for more). */
export const MAX_SEARCH_RESULTS = 100;
export const MAX_SEARCH_PAGE = 50;
const DEFAULT_SEARCH_PAGE = 20;

const KIND_ORDER = new Map(ADMIN_SEARCH_KINDS.map((kind, i) => [kind, i]));

/** Best match first: the whole key, then the start of a name, then a part; then by kind, shorter titles first. */
export function compareMatches(a: StaffSearchMatch, b: StaffSearchMatch): number {
  return (
    a.rank - b.rank ||
    (KIND_ORDER.get(a.kind) ?? 99) - (KIND_ORDER.get(b.kind) ?? 99) ||
    a.title.length - b.title.length ||
    (a.title < b.title ? -1 : a.title > b.title ? 1 : 0) ||
    (a.id < b.id ? -1 : a.id > b.id ? 1 : 0)
  );
}

function encodeOffset(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

function decodeOffset(cursor: string): number {
  try {
    const { o } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o: unknown };
    if (typeof o === 'number' && Number.isInteger(o) && o > 0 && o < MAX_SEARCH_RESULTS) return o;
  } catch {
    // fall through
  }
  throw new InvalidCursor();
}

/**
 * One search box for staff. Each module searches its own tables through its service (each a few
 * index probes, in parallel); this merges their answers, best match first, and pages through them.
 * The cursor is a position in that ranked list: a search answers at most MAX_SEARCH_RESULTS things.
 */
@Injectable()
export class AdminSearchService {
  constructor(
    private readonly users: UsersService,
    private readonly businesses: BusinessesService,
    private readonly trials: TrialsService,
    private readonly calls: CallsService,
    private readonly leads: LeadViewsService,
    private readonly webhooks: WebhookInspector,
  ) {}

  async search(q: string, page: { cursor?: string; limit?: number }): Promise<Page<AdminSearchHit>> {
    const offset = page.cursor ? decodeOffset(page.cursor) : 0;
    const limit = page.limit ?? DEFAULT_SEARCH_PAGE;
    // Enough of each kind for this page and to know whether there is another.
    const terms = parseSearchTerms(q, Math.min(offset + limit + 1, MAX_SEARCH_RESULTS));
    const found = await Promise.all([
      this.users.searchForStaff(terms),
      this.businesses.searchForStaff(terms),
      this.trials.searchForStaff(terms),
      this.calls.searchForStaff(terms),
      this.leads.searchForStaff(terms),
      this.webhooks.searchForStaff(terms),
    ]);
    const ranked = bestMatches(found.flat()).sort(compareMatches).slice(0, MAX_SEARCH_RESULTS);
    const items = ranked.slice(offset, offset + limit).map(({ kind, id, title, subtitle, url, businessUrl }) => ({ kind, id, title, subtitle, url, ...(businessUrl ? { businessUrl } : {}) }));
    const end = offset + limit;
    return { items, nextCursor: ranked.length > end && end < MAX_SEARCH_RESULTS ? encodeOffset(end) : null };
  }
}
