import { FUNNEL_STEPS, INDUSTRIES, type FunnelGroupBy, type FunnelRow, type FunnelStep } from '@beaker/contracts';
import { addDays, daysBetween, mondayOf } from './local-days';

/** One person who signed up, and which steps they reached (each on its own, before ordering). */
export interface FunnelPerson {
  /** The UTC day of their signup, YYYY-MM-DD. */
  signupDay: string;
  /** Their first trial's industry; null when they never started one. */
  industry: string | null;
  reached: Record<Exclude<FunnelStep, 'signed_up'>, boolean>;
}

export const NO_INDUSTRY = 'none';

const rate = (count: number, base: number): number | null => (base === 0 ? null : Math.round((count / base) * 10_000) / 10_000);

/**
 * How many steps in order a person reached: a step counts only when every step before it does
 * (someone who paid without a trial call counts as far as their trial went), so each step's count
 * is at most the one before it.
 */
function depthOf(person: FunnelPerson): number {
  let depth = 1;
  for (const step of FUNNEL_STEPS.slice(1)) {
    if (!person.reached[step as Exclude<FunnelStep, 'signed_up'>]) break;
    depth++;
  }
  return depth;
}

function rowOf(group: string, depths: number[]): FunnelRow {
  const counts = FUNNEL_STEPS.map((_, i) => depths.filter((d) => d > i).length);
  return {
    group,
    steps: FUNNEL_STEPS.map((step, i) => ({ step, count: counts[i], fromPrevious: i === 0 ? null : rate(counts[i], counts[i - 1]), overall: rate(counts[i], counts[0]) })),
  };
}

/**
 * The trial funnel of the people who signed up from `from` to `to` (UTC days, both included), by
 * ISO week of signup (every week of the range, empty ones too) or by industry (each industry, and
 * `none` for those who never started a trial), with the total.
 */
export function trialFunnel(people: FunnelPerson[], from: string, to: string, groupBy: FunnelGroupBy): { rows: FunnelRow[]; total: FunnelRow } {
  const groups =
    groupBy === 'week'
      ? daysBetween(mondayOf(from), mondayOf(to)).filter((d) => d === mondayOf(d))
      : [...INDUSTRIES, NO_INDUSTRY];
  const depths = new Map<string, number[]>(groups.map((g) => [g, []]));
  for (const person of people) {
    const group = groupBy === 'week' ? mondayOf(person.signupDay) : (person.industry ?? NO_INDUSTRY);
    const list = depths.get(group) ?? depths.set(group, []).get(group)!;
    list.push(depthOf(person));
  }
  return { rows: [...depths].map(([group, d]) => rowOf(group, d)), total: rowOf('total', people.map(depthOf)) };
}

/** The default range: the last twelve ISO weeks, this one included. */
export function defaultFunnelFrom(to: string): string {
  return addDays(mondayOf(to), -7 * 11);
}
