import { Injectable } from '@nestjs/common';
import type { AdminBusinessMargin, AdminCostReport, AdminMarginSummary, CostGrouping, ProviderCostRow } from '@beaker/contracts';
import { InvalidCursor, ValidationFailed } from '../../common/errors/common.errors';
import { BusinessesService } from '../businesses';
import { CallsService } from '../calls';

/** The longest period one report covers. */
export const MAX_COST_PERIOD_DAYS = 366;
const DAY_MS = 86_400_000;

const round4 = (n: number): number => Math.round(n * 10_000) / 10_000;

/** Least profitable first: lowest margin, then highest cost, then by name and id (a stable order to page through). */
export function compareMargins(a: AdminBusinessMargin, b: AdminBusinessMargin): number {
  return (
    a.marginUsd - b.marginUsd ||
    b.costUsd - a.costUsd ||
    (a.businessName < b.businessName ? -1 : a.businessName > b.businessName ? 1 : 0) ||
    (a.businessId < b.businessId ? -1 : a.businessId > b.businessId ? 1 : 0)
  );
}

function encodeOffset(offset: number): string {
  return Buffer.from(JSON.stringify({ o: offset })).toString('base64url');
}

function decodeOffset(cursor: string): number {
  try {
    const { o } = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as { o: unknown };
    if (typeof o === 'number' && Number.isInteger(o) && o > 0) return o;
  } catch {
    // fall through
  }
  throw new InvalidCursor();
}

export interface CostPeriod {
  from: Date;
  to: Date;
}

/**
 * Costs and margin for staff. Each module sums its own data through its service (calls: what calls
 * cost, per provider and per business; businesses: what paid invoices brought in); this composes
 * them. A report is an aggregate over a period: it is computed whole and paged by position.
 */
@Injectable()
export class AdminCostsService {
  constructor(
    private readonly businesses: BusinessesService,
    private readonly calls: CallsService,
  ) {}

  /** [from, to): a non-empty period of at most MAX_COST_PERIOD_DAYS. */
  static period(from: Date, to: Date): CostPeriod {
    if (to.getTime() <= from.getTime()) throw new ValidationFailed('`to` must be after `from`');
    if (to.getTime() - from.getTime() > MAX_COST_PERIOD_DAYS * DAY_MS) throw new ValidationFailed(`A report covers at most ${MAX_COST_PERIOD_DAYS} days`);
    return { from, to };
  }

  async report(
    groupBy: CostGrouping,
    period: CostPeriod,
    page: { cursor?: string; limit?: number } = {},
  ): Promise<AdminCostReport<ProviderCostRow> | AdminCostReport<AdminBusinessMargin>> {
    const offset = page.cursor ? decodeOffset(page.cursor) : 0;
    const head = { groupBy, from: period.from.toISOString(), to: period.to.toISOString() };
    if (groupBy === 'provider') {
      const [rows, calls] = await Promise.all([this.calls.costsByProviderPerDay(period.from, period.to), this.calls.countBetween(period.from, period.to)]);
      return { ...head, ...this.page(rows, offset, page.limit), totals: { calls, costUsd: round4(rows.reduce((a, r) => a + r.costUsd, 0)), revenueUsd: null, marginUsd: null } };
    }
    const rows = await this.margins(period);
    const revenueUsd = round4(rows.reduce((a, r) => a + r.revenueUsd, 0));
    const costUsd = round4(rows.reduce((a, r) => a + r.costUsd, 0));
    return {
      ...head,
      ...this.page(rows, offset, page.limit),
      totals: { calls: rows.reduce((a, r) => a + r.calls, 0), costUsd, revenueUsd, marginUsd: round4(revenueUsd - costUsd) },
    };
  }

  /** Every business that paid or called in the period, least profitable first. */
  async margins(period: CostPeriod): Promise<AdminBusinessMargin[]> {
    const [revenue, costs] = await Promise.all([this.businesses.revenueForStaff(period.from, period.to), this.calls.costsByBusiness(period.from, period.to)]);
    const byId = new Map<string, AdminBusinessMargin>();
    for (const r of revenue) {
      byId.set(r.businessId, { businessId: r.businessId, businessName: r.name, plan: r.plan, status: r.status, invoices: r.invoices, revenueUsd: r.revenueUsd, calls: 0, costUsd: 0, marginUsd: 0 });
    }
    const unpaid = costs.filter((c) => !byId.has(c.businessId)).map((c) => c.businessId);
    for (const b of await this.businesses.summariesForStaff(unpaid)) {
      byId.set(b.businessId, { businessId: b.businessId, businessName: b.name, plan: b.plan, status: b.status, invoices: 0, revenueUsd: 0, calls: 0, costUsd: 0, marginUsd: 0 });
    }
    for (const c of costs) {
      const row = byId.get(c.businessId);
      if (!row) continue;
      row.calls = c.calls;
      row.costUsd = c.costUsd;
    }
    const rows = [...byId.values()];
    for (const r of rows) r.marginUsd = round4(r.revenueUsd - r.costUsd);
    return rows.sort(compareMargins);
  }

  /** One business's margin over the period (its staff page). */
  async marginOf(businessId: string, period: CostPeriod): Promise<AdminMarginSummary> {
    const [revenue, costs] = await Promise.all([this.businesses.revenueForStaff(period.from, period.to, businessId), this.calls.costsByBusiness(period.from, period.to, businessId)]);
    const revenueUsd = revenue[0]?.revenueUsd ?? 0;
    const costUsd = costs[0]?.costUsd ?? 0;
    return {
      from: period.from.toISOString(),
      to: period.to.toISOString(),
      invoices: revenue[0]?.invoices ?? 0,
      revenueUsd,
      calls: costs[0]?.calls ?? 0,
      costUsd,
      marginUsd: round4(revenueUsd - costUsd),
    };
  }

  private page<T>(rows: T[], offset: number, limit: number | undefined): { items: T[]; nextCursor: string | null } {
    if (limit === undefined) return { items: rows.slice(offset), nextCursor: null };
    const items = rows.slice(offset, offset + limit);
    return { items, nextCursor: offset + limit < rows.length ? encodeOffset(offset + limit) : null };
  }
}
