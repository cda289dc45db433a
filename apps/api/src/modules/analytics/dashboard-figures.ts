import type { AnalyticsInterval, AnalyticsPoint, AnalyticsTile, BusinessAnalytics } from '@beaker/contracts';
import { addDays, daysBetween, mondayOf } from './local-days';
import type { SnapshotFigures } from './persistence/snapshots.repository';

/** The figures the dashboard adds up; a day without a snapshot counts as nothing. */
type DayFigures = Pick<
  SnapshotFigures,
  'callsInbound' | 'callsOutboundTrial' | 'callsOutboundLead' | 'callsAnswered' | 'callsEnded' | 'talkSeconds' | 'leadsCaptured' | 'timeToCallP50Ms' | 'timeToCallP90Ms' | 'timeToCallSamples'
>;

interface Totals {
  calls: number;
  inbound: number;
  outboundLead: number;
  answered: number;
  ended: number;
  talkSeconds: number;
  leads: number;
  /** Σ p50 × samples, Σ p90 × samples, Σ samples: the days' percentiles weighted by how many leads were called. */
  p50Weighted: number;
  p90Weighted: number;
  samples: number;
}

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


/**
 * The dashboard's answer from a business's days: tiles over [from, to] against [previousFrom,
 * from), and a point per day or per week (a partial first or last week holds only its days in range).
 */
export function dashboardFigures(input: {
  businessId: string;
  timeZone: string;
  from: string;
  to: string;
  previousFrom: string;
  interval: AnalyticsInterval;
  days: Map<string, DayFigures>;
}): BusinessAnalytics {
  const current = daysBetween(input.from, input.to);
  const previous = daysBetween(input.previousFrom, addDays(input.from, -1));
  const now = current.reduce((t, d) => add(t, input.days.get(d)), EMPTY);
  const before = previous.reduce((t, d) => add(t, input.days.get(d)), EMPTY);

  const buckets = new Map<string, Totals>();
  for (const day of current) {
    const key = input.interval === 'week' ? mondayOf(day) : day;
    buckets.set(key, add(buckets.get(key) ?? EMPTY, input.days.get(day)));
  }
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
