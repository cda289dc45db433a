import type { MrrInterval, MrrPeriod } from '@beaker/contracts';
import type { SubscriptionChange } from '../businesses';

const day = (d: Date) => d.toISOString().slice(0, 10);

/** The start of the period holding `at` (UTC). */
function periodStart(at: Date, interval: MrrInterval): Date {
  return interval === 'month' ? new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), 1)) : new Date(Date.UTC(at.getUTCFullYear(), at.getUTCMonth(), at.getUTCDate()));
}

function nextPeriod(start: Date, interval: MrrInterval): Date {
  return interval === 'month' ? new Date(Date.UTC(start.getUTCFullYear(), start.getUTCMonth() + 1, 1)) : new Date(start.getTime() + 86_400_000);
}

/**
 * MRR by period over [from, to) from every subscription's history (in event time, before `to`).
 * A customer's MRR is the sum of its subscriptions' current MRR; each change of it is one movement:
 * from nothing, `new` the first time and `reactivation` after a churn; to nothing, `churn`; up,
 * `expansion`; down, `contraction`. Periods are calendar months (or days) in UTC; the first one
 * starts at the period holding `from`.
 */
export function mrrMovements(history: readonly SubscriptionChange[], from: Date, to: Date, interval: MrrInterval): MrrPeriod[] {
  const sorted = [...history].sort((a, b) => a.at.getTime() - b.at.getTime());
  const bySubscription = new Map<string, number>();
  const byCustomer = new Map<string, number>();
  const everPaid = new Set<string>();
  let total = 0;
  const periods: MrrPeriod[] = [];
  for (let start = periodStart(from, interval); start < to; start = nextPeriod(start, interval)) {
    periods.push({ start: day(start), startingMrrCents: 0, newCents: 0, expansionCents: 0, contractionCents: 0, churnCents: 0, reactivationCents: 0, endingMrrCents: 0 });
  }
  const firstStart = periodStart(from, interval).getTime();
  let p = -1; // the period being filled; -1 before the first
  const advanceTo = (at: number) => {
    while (p + 1 < periods.length && Date.parse(periods[p + 1].start) <= at) {
      if (p >= 0) periods[p].endingMrrCents = total;
      p++;
      periods[p].startingMrrCents = total;
    }
  };
  for (const change of sorted) {
    advanceTo(change.at.getTime());
    const before = byCustomer.get(change.customerId) ?? 0;
    const after = before - (bySubscription.get(change.subscriptionId) ?? 0) + change.mrrCents;
    bySubscription.set(change.subscriptionId, change.mrrCents);
    byCustomer.set(change.customerId, after);
    total += after - before;
    const wasPaid = everPaid.has(change.customerId);
    if (after > 0) everPaid.add(change.customerId);
    if (p < 0 || change.at.getTime() < firstStart || after === before) continue;
    const period = periods[p];
    if (before === 0) {
      if (wasPaid) period.reactivationCents += after;
      else period.newCents += after;
    } else if (after === 0) period.churnCents -= before;
    else if (after > before) period.expansionCents += after - before;
    else period.contractionCents -= before - after;
  }
  advanceTo(Number.POSITIVE_INFINITY);
  if (p >= 0) periods[p].endingMrrCents = total;
  return periods;
}
