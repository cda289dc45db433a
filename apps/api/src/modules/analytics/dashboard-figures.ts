import type { AnalyticsInterval, AnalyticsPoint, AnalyticsTile, BusinessAnalytics } from '@beaker/contracts';
import { addDays, daysBetween, mondayOf } from './local-days';
import type { BucketTotals, SnapshotFigures } from './persistence/snapshots.repository';

/** The figures the dashboard adds up; a day without a snapshot counts as nothing. */
type DayFigures = Pick<
  SnapshotFigures,
  'callsInbound' | 'callsOutboundTrial' | 'callsOutboundLead' | 'callsAnswered' | 'callsEnded' | 'talkSeconds' | 'leadsCaptured' | 'timeToCallP50Ms' | 'timeToCallP90Ms' | 'timeToCallSamples'
>;

type Totals = BucketTotals;

/** The bucket of the stored days before `from` (the tiles' comparison). */
export const PREVIOUS = 'previous';

const EMPTY: Totals = { calls: 0, inbound: 0, outboundLead: 0, answered: 0, ended: 0, talkSeconds: 0, leads: 0, p50Weighted: 0, p90Weighted: 0, samples: 0 };

function add(t: Totals, d: DayFigures | undefined): Totals {
  if (!d) return t;
  const samples = d.timeToCallP50Ms === null ? 0 : d.timeToCallSamples;
  return {
    calls: t.calls + d.callsInbound + d.callsOutboundTrial + d.callsOutboundLead,
    inbound: t.inbound + d.callsInbound,
    outboundLead: t.outboundLead + d.callsOutboundLead,
    answered: t.answered + d.callsAnswered,
    ended: t.ended + d.callsEnded,
    talkSeconds: t.talkSeconds + Number(d.talkSeconds),
    leads: t.leads + d.leadsCaptured,
    p50Weighted: t.p50Weighted + (d.timeToCallP50Ms ?? 0) * samples,
    p90Weighted: t.p90Weighted + (d.timeToCallP90Ms ?? 0) * samples,
    samples: t.samples + samples,
  };
}

/** Days' figures summed into one point's totals (a missing day counts as nothing). */
export function totalsOf(days: Iterable<DayFigures | undefined>): BucketTotals {
  let totals = EMPTY;
  for (const day of days) totals = add(totals, day);
  return totals;
}

const round = (n: number, places: number) => Math.round(n * 10 ** places) / 10 ** places;
const minutes = (t: Totals) => t.talkSeconds / 60;
const answeredRate = (t: Totals) => (t.ended === 0 ? null : t.answered / t.ended);
const seconds = (weighted: number, t: Totals) => (t.samples === 0 ? null : weighted / t.samples / 1000);
const rounded = (n: number | null, places: number) => (n === null ? null : round(n, places));

/** A tile from the unrounded figures (the change is not skewed by rounding), shown to `places` decimals. */
function tile(value: number | null, previous: number | null, places: number): AnalyticsTile {
  const change = value === null || previous === null || previous === 0 ? null : round((value - previous) / previous, 4);
  return { value: rounded(value, places), previous: rounded(previous, places), change };
}

function sum(a: Totals, b: Totals | undefined): Totals {
  if (!b) return a;
  return {
    calls: a.calls + b.calls,
    inbound: a.inbound + b.inbound,
    outboundLead: a.outboundLead + b.outboundLead,
    answered: a.answered + b.answered,
    ended: a.ended + b.ended,
    talkSeconds: a.talkSeconds + b.talkSeconds,
    leads: a.leads + b.leads,
    p50Weighted: a.p50Weighted + b.p50Weighted,
    p90Weighted: a.p90Weighted + b.p90Weighted,
    samples: a.samples + b.samples,
  };
}

/** The keys of the series' points: each day, or each ISO week's Monday (the first may be before `from`). */
function bucketKeys(from: string, to: string, interval: AnalyticsInterval): string[] {
  if (interval === 'day') return daysBetween(from, to);
  const keys: string[] = [];
  for (let monday = mondayOf(from); monday <= to; monday = addDays(monday, 7)) keys.push(monday);
  return keys;
}

/**
 * The dashboard's answer: tiles over [from, to] against the period of the same length before it,
 * and a point per day or per ISO week (a partial first or last week holds only its days in range).
 * `stored` holds the stored days already summed per point (`previous`: the period before), so a
 * year is a few hundred rows at most; `today`, computed live, is added to the point it falls in.
 */
export function dashboardFigures(input: {
  businessId: string;
  timeZone: string;
  from: string;
  to: string;
  interval: AnalyticsInterval;
  stored: Map<string, BucketTotals>;
  today: { day: string; figures: DayFigures } | null;
}): BusinessAnalytics {
  const buckets = new Map<string, Totals>(bucketKeys(input.from, input.to, input.interval).map((key) => [key, input.stored.get(key) ?? EMPTY]));
  if (input.today) {
    const key = input.interval === 'week' ? mondayOf(input.today.day) : input.today.day;
    buckets.set(key, add(buckets.get(key) ?? EMPTY, input.today.figures));
  }
  const now = [...buckets.values()].reduce(sum, EMPTY);
  const before = input.stored.get(PREVIOUS) ?? EMPTY;
  const series: AnalyticsPoint[] = [...buckets].map(([start, t]) => ({
    start,
    calls: t.calls,
    inbound: t.inbound,
    outboundLead: t.outboundLead,
    answered: t.answered,
    ended: t.ended,
    minutes: round(minutes(t), 1),
    leads: t.leads,
    timeToCallP50Seconds: rounded(seconds(t.p50Weighted, t), 1),
    timeToCallP90Seconds: rounded(seconds(t.p90Weighted, t), 1),
  }));

  return {
    businessId: input.businessId,
    timeZone: input.timeZone,
    from: input.from,
    to: input.to,
    interval: input.interval,
    tiles: {
      calls: tile(now.calls, before.calls, 0),
      leads: tile(now.leads, before.leads, 0),
      answeredRate: tile(answeredRate(now), answeredRate(before), 4),
      minutes: tile(minutes(now), minutes(before), 1),
      timeToCall: tile(seconds(now.p50Weighted, now), seconds(before.p50Weighted, before), 1),
    },
    series,
  };
}
