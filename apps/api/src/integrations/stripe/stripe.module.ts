import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { ProviderCircuitBreakers } from '../resilience/provider-circuit-breakers';
import { StripeAdapter } from './stripe.adapter';
import { BillingPort } from './stripe.port';
import { StripeSandbox } from '../sandbox/stripe/stripe.sandbox';
import { StripeSandboxController } from '../sandbox/stripe/stripe.sandbox.controller';

/** Binds BillingPort to the live adapter or, with PROVIDERS=sandbox, to the simulator. */
@Module({})
export class StripeModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: StripeModule,
      controllers: config.isSandbox ? [StripeSandboxController] : [],
      providers: [
        StripeSandbox,
        {
          provide: BillingPort,
          useFactory: (cfg: AppConfig, breakers: ProviderCircuitBreakers, sandbox: StripeSandbox) =>
            cfg.isSandbox ? sandbox : new StripeAdapter(cfg, breakers),
          inject: [AppConfig, ProviderCircuitBreakers, StripeSandbox],
        },
      ],
      exports: [BillingPort, StripeSandbox],
    };
  }
}
