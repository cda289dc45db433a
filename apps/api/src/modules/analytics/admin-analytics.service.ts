import { Injectable } from '@nestjs/common';
import type { FunnelGroupBy, MrrInterval } from '@beaker/contracts';
import { Clock } from '../../common/clock';
import { ValidationFailed } from '../../common/errors/common.errors';
import { UsersService } from '../auth';
import { BusinessesService } from '../businesses';
import { TrialsService } from '../trials';
import type { AdminFunnelDto, AdminMrrDto } from './dto/admin-analytics.dto';
import { addDays, isIsoDay } from './local-days';
import { mrrMovements } from './mrr-movements';
import { defaultFunnelFrom, trialFunnel } from './trial-funnel';

const DAY_MS = 86_400_000;
export const MAX_MRR_DAYS = 366;
export const MAX_MRR_MONTHS = 120;
export const MAX_FUNNEL_DAYS = 366;

const invalid = (field: string, message: string) => new ValidationFailed(`${field} ${message}`, { errors: [{ field, messages: [message] }] });
const isoDay = (d: Date) => d.toISOString().slice(0, 10);

/** Staff's revenue figures: MRR and its movements from the subscriptions' history; the trial funnel. */
@Injectable()
export class AdminAnalyticsService {
  constructor(
    private readonly businesses: BusinessesService,
    private readonly users: UsersService,
    private readonly trials: TrialsService,
    private readonly clock: Clock,
  ) {}

  /**
   * The trial funnel of the people who signed up from `from` to `to` (UTC days; default the last
   * twelve ISO weeks): each step read from the module that records it (README.md, "The trial funnel").
   */
  async funnel(query: { from?: string; to?: string; groupBy?: FunnelGroupBy }): Promise<AdminFunnelDto> {
    const groupBy = query.groupBy ?? 'week';
    const to = query.to ?? isoDay(this.clock.now());
    if (!isIsoDay(to)) throw invalid('to', 'must be a date (YYYY-MM-DD)');
    const from = query.from ?? defaultFunnelFrom(to);
    if (!isIsoDay(from)) throw invalid('from', 'must be a date (YYYY-MM-DD)');
    if (from > to) throw invalid('from', 'must not be after to');
    if ((Date.parse(to) - Date.parse(from)) / DAY_MS + 1 > MAX_FUNNEL_DAYS) throw invalid('to', `must be at most ${MAX_FUNNEL_DAYS} days after from`);

    const signups = await this.users.signupsForStaff(new Date(`${from}T00:00:00Z`), new Date(`${addDays(to, 1)}T00:00:00Z`));
    const ids = signups.map((s) => s.userId);
    const [trials, checkouts] = await Promise.all([this.trials.progressForStaff(ids), this.businesses.checkoutProgressForStaff(ids)]);
    const trialOf = new Map(trials.map((t) => [t.userId, t]));
    const checkoutOf = new Map(checkouts.map((c) => [c.userId, c]));
    const people = signups.map((s) => {
      const trial = trialOf.get(s.userId);
      const checkout = checkoutOf.get(s.userId);
      const paid = !!checkout?.paidAt;
      return {
        signupDay: isoDay(s.signedUpAt),
        industry: trial?.industry ?? null,
        reached: {
          trial_started: !!trial,
          phone_verified: !!trial?.phoneVerifiedAt,
          trial_call_placed: !!trial?.callPlacedAt,
          trial_call_answered: !!trial?.callAnsweredAt,
          // A payment went through a checkout, recorded or not (sessions opened before checkout_starts existed were not).
          checkout_started: !!checkout?.checkoutStartedAt || paid,
          paid,
        },
      };
    });
    return { from, to, groupBy, ...trialFunnel(people, from, to, groupBy) };
  }

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
