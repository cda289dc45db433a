import { Injectable } from '@nestjs/common';
import type { MrrInterval } from '@beaker/contracts';
import { Clock } from '../../common/clock';
import { ValidationFailed } from '../../common/errors/common.errors';
import { BusinessesService } from '../businesses';
import type { AdminMrrDto } from './dto/admin-analytics.dto';
import { isIsoDay } from './local-days';
import { mrrMovements } from './mrr-movements';

const DAY_MS = 86_400_000;
export const MAX_MRR_DAYS = 366;
export const MAX_MRR_MONTHS = 120;

const invalid = (field: string, message: string) => new ValidationFailed(`${field} ${message}`, { errors: [{ field, messages: [message] }] });
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Staff's revenue figures: MRR and its movements from the subscriptions' history. */
@Injectable()
export class AdminAnalyticsService {
  constructor(
    private readonly businesses: BusinessesService,
    private readonly clock: Clock,
  ) {}

  async mrr(query: { from?: string; to?: string; interval?: MrrInterval }): Promise<AdminMrrDto> {
    const interval = query.interval ?? 'month';
    const today = this.clock.now();
    const to = query.to ?? isoDay(today);
    if (!isIsoDay(to)) throw invalid('to', 'must be a date (YYYY-MM-DD)');
    const toDate = new Date(`${to}T00:00:00Z`);
    const from = query.from ?? isoDay(new Date(Date.UTC(toDate.getUTCFullYear(), toDate.getUTCMonth() - 11, 1)));
    if (!isIsoDay(from)) throw invalid('from', 'must be a date (YYYY-MM-DD)');
    if (from > to) throw invalid('from', 'must not be after to');
    const fromDate = new Date(`${from}T00:00:00Z`);
    if (interval === 'day' && (toDate.getTime() - fromDate.getTime()) / DAY_MS + 1 > MAX_MRR_DAYS) throw invalid('to', `must be at most ${MAX_MRR_DAYS} days after from`);
    const months = (toDate.getUTCFullYear() - fromDate.getUTCFullYear()) * 12 + toDate.getUTCMonth() - fromDate.getUTCMonth() + 1;
    if (interval === 'month' && months > MAX_MRR_MONTHS) throw invalid('to', `must be at most ${MAX_MRR_MONTHS} months after from`);
    // The period holding `to` is shown whole (a month is read to its end; later changes are not yet known).
    const end = interval === 'month' ? new Date(Date.UTC(toDate.getUTCFullYear(), toDate.getUTCMonth() + 1, 1)) : new Date(toDate.getTime() + DAY_MS);
    const history = await this.businesses.subscriptionHistoryForStaff(end);
    return { from, to, interval, currency: 'usd', periods: mrrMovements(history, fromDate, end, interval) };
  }
}
