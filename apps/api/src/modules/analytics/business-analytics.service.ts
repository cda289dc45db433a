import { Injectable } from '@nestjs/common';
import type { AnalyticsInterval, BusinessAnalytics } from '@beaker/contracts';
import { Clock } from '../../common/clock';
import { NotFound, ValidationFailed } from '../../common/errors/common.errors';
import { BusinessesService } from '../businesses';
import { DailySnapshots } from './daily-snapshots.service';
import { dashboardFigures } from './dashboard-figures';
import { addDays, daysBetween, isIsoDay, localDayOf, zoneOf } from './local-days';
import { type SnapshotFigures, SnapshotsRepository } from './persistence/snapshots.repository';

/** The longest range the dashboard answers (a year and a day: a leap year's). */
export const MAX_RANGE_DAYS = 366;
/**
 * How long this process reuses a business's live figures for today: a dashboard open in a few
 * tabs, or refreshed, costs one computation (a busy business's day is thousands of calls) per
 * interval, and today's tiles are at most this old.
 */
export const TODAY_TTL_MS = 30_000;
const TODAY_CACHE_LIMIT = 5_000;

const invalid = (field: string, message: string) => new ValidationFailed(`${field} ${message}`, { errors: [{ field, messages: [message] }] });

/** The owner's dashboard: tiles and series over a range of local days, past days from snapshots, today live. */
@Injectable()
export class BusinessAnalyticsService {
  constructor(
    private readonly businesses: BusinessesService,
    private readonly snapshots: SnapshotsRepository,
    private readonly daily: DailySnapshots,
    private readonly clock: Clock,
  ) {}

  private readonly today = new Map<string, { at: number; figures: Promise<SnapshotFigures> }>();

  async forBusiness(businessId: string, query: { from: string; to: string; interval?: AnalyticsInterval }): Promise<BusinessAnalytics> {
    if (!isIsoDay(query.from)) throw invalid('from', 'must be a date (YYYY-MM-DD)');
    if (!isIsoDay(query.to)) throw invalid('to', 'must be a date (YYYY-MM-DD)');
    if (query.from > query.to) throw invalid('from', 'must not be after to');
    const length = daysBetween(query.from, query.to).length;
    if (length > MAX_RANGE_DAYS) throw invalid('to', `must be at most ${MAX_RANGE_DAYS} days after from`);

    const timezone = await this.businesses.timeZoneOf(businessId);
    if (timezone === undefined) throw new NotFound('No such business');
    const zone = zoneOf(timezone);
    const today = localDayOf(this.clock.now(), zone);
    const previousFrom = addDays(query.from, -length);

    // Past days come summed per point from the snapshots; today is not over: it comes live, never from a snapshot.
    const lastStored = query.to < today ? query.to : addDays(today, -1);
    const interval = query.interval ?? 'day';
    const [stored, todayFigures] = await Promise.all([
      previousFrom <= lastStored ? this.snapshots.dashboardBuckets(businessId, previousFrom, query.from, lastStored, interval) : Promise.resolve([]),
      query.from <= today && today <= query.to ? this.todayOf(businessId, today, zone) : Promise.resolve(null),
    ]);
    return dashboardFigures({
      businessId,
      timeZone: zone,
      from: query.from,
      to: query.to,
      interval,
      stored: new Map(stored.map(({ bucket, ...totals }) => [bucket, totals])),
      today: todayFigures ? { day: today, figures: todayFigures } : null,
    });
  }

  /** Today's figures, computed live at most every TODAY_TTL_MS per business (concurrent requests share one computation). */
  private todayOf(businessId: string, day: string, zone: string): Promise<SnapshotFigures> {
    const now = this.clock.now().getTime();
    const key = `${businessId}:${day}`;
    const cached = this.today.get(key);
    if (cached && now - cached.at < TODAY_TTL_MS) return cached.figures;
    if (this.today.size >= TODAY_CACHE_LIMIT) {
      for (const [k, v] of this.today) if (now - v.at >= TODAY_TTL_MS) this.today.delete(k);
      if (this.today.size >= TODAY_CACHE_LIMIT) this.today.clear();
    }
    const figures = this.daily.figures(businessId, day, zone);
    this.today.set(key, { at: now, figures });
    // A failure is not kept: the next request tries again.
    figures.catch(() => this.today.delete(key));
    return figures;
  }
}
