import type { Plan } from './enums';

export interface PlanDefinition {
  plan: Plan;
  name: string;
  callsIncluded: number;
  /** Display price in US cents a month; the charged price is Stripe's (STRIPE_PRICE_*). */
  monthlyPriceCents: number;
}

export const PLAN_CATALOG: Record<Plan, PlanDefinition> = {
  starter: { plan: 'starter', name: 'Starter', callsIncluded: 100, monthlyPriceCents: 9900 },
  pro: { plan: 'pro', name: 'Pro', callsIncluded: 500, monthlyPriceCents: 29900 },
};

export const TRIAL_CALLS_LIMIT = 3;
export const TRIAL_DURATION_HOURS = 48;
export const MAGIC_LINK_TTL_MINUTES = 20;
