import type { SubscriptionChange } from '../businesses';
import { mrrMovements } from './mrr-movements';

const at = (iso: string) => new Date(iso);
const change = (customerId: string, subscriptionId: string, iso: string, mrrCents: number): SubscriptionChange => ({
  customerId,
  subscriptionId,
  status: mrrCents > 0 ? 'active' : 'canceled',
  plan: mrrCents > 9900 ? 'pro' : 'starter',
  mrrCents,
  at: at(iso),
});

describe('MRR movements', () => {
  it('classifies new, expansion, contraction, churn and reactivation per month, whatever the input order', () => {
    const history = [
      change('cus_a', 'sub_a', '2026-01-10T00:00:00Z', 9900), // new
      change('cus_a', 'sub_a', '2026-02-05T00:00:00Z', 29900), // expansion +20000
      change('cus_a', 'sub_a', '2026-03-05T00:00:00Z', 9900), // contraction -20000
      change('cus_a', 'sub_a', '2026-03-20T00:00:00Z', 0), // churn -9900
      change('cus_a', 'sub_a2', '2026-04-02T00:00:00Z', 29900), // reactivation (a new subscription, same customer)
      change('cus_b', 'sub_b', '2026-02-28T23:59:59Z', 9900), // new in February
    ].reverse();
    const periods = mrrMovements(history, at('2026-01-01T00:00:00Z'), at('2026-05-01T00:00:00Z'), 'month');
    expect(periods).toEqual([
      { start: '2026-01-01', startingMrrCents: 0, newCents: 9900, expansionCents: 0, contractionCents: 0, churnCents: 0, reactivationCents: 0, endingMrrCents: 9900 },
      { start: '2026-02-01', startingMrrCents: 9900, newCents: 9900, expansionCents: 20000, contractionCents: 0, churnCents: 0, reactivationCents: 0, endingMrrCents: 39800 },
      { start: '2026-03-01', startingMrrCents: 39800, newCents: 0, expansionCents: 0, contractionCents: -20000, churnCents: -9900, reactivationCents: 0, endingMrrCents: 9900 },
      { start: '2026-04-01', startingMrrCents: 9900, newCents: 0, expansionCents: 0, contractionCents: 0, churnCents: 0, reactivationCents: 29900, endingMrrCents: 39800 },
    ]);
  });

  it('starts from the MRR reached before the range, and counts no movement twice for the same state', () => {
    const history = [change('cus_a', 'sub_a', '2025-12-10T00:00:00Z', 9900), change('cus_a', 'sub_a', '2026-01-03T00:00:00Z', 9900)];
    const periods = mrrMovements(history, at('2026-01-15T00:00:00Z'), at('2026-02-01T00:00:00Z'), 'month');
    expect(periods).toEqual([{ start: '2026-01-01', startingMrrCents: 9900, newCents: 0, expansionCents: 0, contractionCents: 0, churnCents: 0, reactivationCents: 0, endingMrrCents: 9900 }]);
  });

  it('answers a point per day, each ending where the next starts', () => {
    const history = [change('cus_a', 'sub_a', '2026-01-01T10:00:00Z', 9900), change('cus_a', 'sub_a', '2026-01-03T10:00:00Z', 0)];
    const periods = mrrMovements(history, at('2026-01-01T00:00:00Z'), at('2026-01-04T00:00:00Z'), 'day');
    expect(periods.map((p) => [p.start, p.startingMrrCents, p.newCents, p.churnCents, p.endingMrrCents])).toEqual([
      ['2026-01-01', 0, 9900, 0, 9900],
      ['2026-01-02', 9900, 0, 0, 9900],
      ['2026-01-03', 9900, 0, -9900, 0],
    ]);
  });
});
