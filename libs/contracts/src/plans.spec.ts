import { PLANS } from './enums';
import { PLAN_CATALOG, TRIAL_CALLS_LIMIT, TRIAL_DURATION_HOURS } from './plans';

describe('the plan catalog', () => {
  it('defines every plan once, under its own name', () => {
    expect(Object.keys(PLAN_CATALOG).sort()).toEqual([...PLANS].sort());
    for (const plan of PLANS) expect(PLAN_CATALOG[plan].plan).toBe(plan);
  });

  it('gives every plan a distinct display name, a whole number of calls and a price in whole cents', () => {
    const names = PLANS.map((plan) => PLAN_CATALOG[plan].name);
    expect(new Set(names).size).toBe(names.length);
    for (const plan of PLANS) {
      const { name, callsIncluded, monthlyPriceCents } = PLAN_CATALOG[plan];
      expect(name.trim()).not.toBe('');
      expect(Number.isInteger(callsIncluded) && callsIncluded > 0).toBe(true);
      expect(Number.isInteger(monthlyPriceCents) && monthlyPriceCents > 0).toBe(true);
    }
  });

  it('lists the plans from the smallest up: each costs more and includes more calls than the one before', () => {
    for (let i = 1; i < PLANS.length; i++) {
      const smaller = PLAN_CATALOG[PLANS[i - 1]];
      const larger = PLAN_CATALOG[PLANS[i]];
      expect(larger.monthlyPriceCents).toBeGreaterThan(smaller.monthlyPriceCents);
      expect(larger.callsIncluded).toBeGreaterThan(smaller.callsIncluded);
    }
  });

  it('leaves the trial smaller than any paid plan', () => {
    const fewestCalls = Math.min(...PLANS.map((plan) => PLAN_CATALOG[plan].callsIncluded));
    expect(Number.isInteger(TRIAL_CALLS_LIMIT) && TRIAL_CALLS_LIMIT > 0).toBe(true);
    expect(TRIAL_CALLS_LIMIT).toBeLessThan(fewestCalls);
    expect(Number.isInteger(TRIAL_DURATION_HOURS) && TRIAL_DURATION_HOURS > 0).toBe(true);
  });
});
