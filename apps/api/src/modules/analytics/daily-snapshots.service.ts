import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { BusinessesService } from '../businesses';
import { CallsService } from '../calls';
import { LeadStatsService } from '../leads';
import { addDays, daysBetween, localDayOf, utcRangeOf, zoneOf } from './local-days';
import { type SnapshotFigures, SnapshotsRepository } from './persistence/snapshots.repository';

/**
 * How many finished days back the scheduled run looks for changes: a report comes within minutes,
 * reconciliation closes a call within 24 hours, a deferred lead is called at the next lawful minute
 * (a weekend at most). Older days change only through the backfill.
 */
export const RECENT_DAYS = 3;
const PAGE = 500;

/**
 * Daily snapshots: what a business's local day (its time zone, UTC when it has none) and Beaker's
 * UTC day added up to, from the calls and leads modules' own aggregates. Computing a day replaces it.
 */
@Injectable()
export class DailySnapshots {
  private readonly logger = new Logger(DailySnapshots.name);

  constructor(
    private readonly calls: CallsService,
    private readonly leads: LeadStatsService,
    private readonly businesses: BusinessesService,
    private readonly snapshots: SnapshotsRepository,
    private readonly clock: Clock,
  ) {}

  /** Computes one local day of a business and stores it in place of what was there. */
  async computeBusinessDay(businessId: string, day: string, timezone?: string | null): Promise<SnapshotFigures> {
    const zone = zoneOf(timezone === undefined ? await this.businesses.timeZoneOf(businessId) : timezone);
    const figures = await this.figures(businessId, day, zone);
    await this.snapshots.replace(figures);
    return figures;
  }

  /** Computes one UTC day of every call and lead (trial calls included) and stores it. */
  async computeGlobalDay(day: string): Promise<SnapshotFigures> {
    const figures = await this.figures(null, day, 'UTC');
    await this.snapshots.replace(figures);
    return figures;
  }

  /** What a day adds up to right now, without storing it (the dashboard's today). */
  figures = async (businessId: string | null, day: string, zone: string): Promise<SnapshotFigures> => {
    const { from, to } = utcRangeOf(day, zone);
    const [calls, leads] = await Promise.all([this.calls.activityIn(businessId, from, to), this.leads.activityIn(businessId, from, to)]);
    return {
      businessId,
      day,
      timeZone: zone,
      callsInbound: calls.inbound,
      callsOutboundTrial: calls.outboundTrial,
      callsOutboundLead: calls.outboundLead,
      callsAnswered: calls.answered,
      callsEnded: calls.ended,
      talkSeconds: Number(calls.talkSeconds),
      leadsCaptured: leads.captured,
      leadsDeferred: leads.deferred,
      leadsBlocked: leads.blocked,
      timeToCallP50Ms: leads.timeToCallP50Ms,
      timeToCallP90Ms: leads.timeToCallP90Ms,
      timeToCallSamples: leads.timeToCallSamples,
      costTotal: Number(calls.costTotal).toFixed(4),
      costsByProvider: Object.fromEntries(calls.costs.map((c) => [c.provider, Math.round(Number(c.amount) * 10_000) / 10_000])),
      computedAt: this.clock.now(),
    };
  };

  /**
   * The scheduled run (every 15 minutes): for every business, each of its last RECENT_DAYS local
   * days that has ended and has no snapshot yet, or whose calls or leads changed after it was
   * computed (a late report, a first call placed the next morning), is computed again; and the
   * last RECENT_DAYS UTC days of the global snapshot. Safe to run twice: a day is replaced whole.
   */
  async snapshotDue(): Promise<{ businessDays: number; globalDays: number }> {
    const now = this.clock.now();
    let businessDays = 0;
    for (let afterId: string | null = null; ; ) {
      const page = await this.businesses.pageOfTimeZones(afterId, PAGE);
      if (page.length === 0) break;
      afterId = page[page.length - 1].id;
      const zones = new Map(page.map((b) => [b.id, zoneOf(b.timezone)]));
      // The widest window any of these zones can have: from 3 days before the earliest "today" to the latest "yesterday".
      const todayUtc = localDayOf(now, 'UTC');
      const stored = await this.snapshots.computedAt([...zones.keys()], addDays(todayUtc, -RECENT_DAYS - 1), todayUtc);
      const computedAt = new Map(stored.map((s) => [`${s.businessId}:${s.day}`, s.computedAt]));
      for (const [businessId, zone] of zones) {
        const today = localDayOf(now, zone);
        for (const day of daysBetween(addDays(today, -RECENT_DAYS), addDays(today, -1))) {
          const at = computedAt.get(`${businessId}:${day}`);
          if (at && !(await this.changedSince(businessId, day, zone, at))) continue;
          await this.computeBusinessDay(businessId, day, zone);
          businessDays++;
        }
      }
    }
    const todayUtc = localDayOf(now, 'UTC');
    const globalDays = daysBetween(addDays(todayUtc, -RECENT_DAYS), addDays(todayUtc, -1));
    for (const day of globalDays) await this.computeGlobalDay(day);
    if (businessDays > 0) this.logger.log(`analytics: ${businessDays} business-days and ${globalDays.length} global days computed`);
    return { businessDays, globalDays: globalDays.length };
  }

  /** Rebuilds every business's local days and the global days from `from` to yesterday (the backfill). */
  async rebuild(from: string, onProgress?: (done: number) => void): Promise<{ businessDays: number; globalDays: number }> {
    const now = this.clock.now();
    let businessDays = 0;
    for (let afterId: string | null = null; ; ) {
      const page = await this.businesses.pageOfTimeZones(afterId, PAGE);
      if (page.length === 0) break;
      afterId = page[page.length - 1].id;
      for (const business of page) {
        const zone = zoneOf(business.timezone);
        for (const day of daysBetween(from, addDays(localDayOf(now, zone), -1))) {
          await this.computeBusinessDay(business.id, day, zone);
          businessDays++;
        }
        onProgress?.(businessDays);
      }
    }
    const globalDays = daysBetween(from, addDays(localDayOf(now, 'UTC'), -1));
    for (const day of globalDays) await this.computeGlobalDay(day);
    return { businessDays, globalDays: globalDays.length };
  }

  private async changedSince(businessId: string, day: string, zone: string, computedAt: Date): Promise<boolean> {
    const { from, to } = utcRangeOf(day, zone);
    const [calls, leads] = await Promise.all([this.calls.lastChangeIn(businessId, from, to), this.leads.lastChangeIn(businessId, from, to)]);
    return (calls !== null && calls > computedAt) || (leads !== null && leads > computedAt);
  }
}
