import type { Plan } from '@beaker/contracts';
import { AppConfig } from '../../config/app-config';

/** Our plans ↔ Stripe price ids (STRIPE_PRICE_STARTER / STRIPE_PRICE_PRO). */
export function priceForPlan(config: AppConfig, plan: Plan): string {
  return plan === 'pro' ? config.env.STRIPE_PRICE_PRO : config.env.STRIPE_PRICE_STARTER;
}

export function planForPrice(config: AppConfig, priceId: string | null | undefined): Plan | null {
  if (!priceId) return null;
  if (priceId === config.env.STRIPE_PRICE_STARTER) return 'starter';
  if (priceId === config.env.STRIPE_PRICE_PRO) return 'pro';
  return null;
}
