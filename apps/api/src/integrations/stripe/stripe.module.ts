import { Module } from '@nestjs/common';
import { StripeAdapter } from './stripe.adapter';
import { BillingPort } from './stripe.port';

/** Stripe, live: BillingPort → StripeAdapter (ProvidersModule imports it when PROVIDERS=live). */
@Module({
  providers: [{ provide: BillingPort, useClass: StripeAdapter }],
  exports: [BillingPort],
})
export class StripeModule {}
