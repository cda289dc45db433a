import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { ProviderCircuitBreakers } from '../resilience/provider-circuit-breakers';
import { TwilioAdapter } from './twilio.adapter';
import { TelephonyPort } from './twilio.port';
import { TwilioSandbox } from '../sandbox/twilio/twilio.sandbox';
import { TwilioSandboxController } from '../sandbox/twilio/twilio.sandbox.controller';

/** Binds TelephonyPort to the live adapter or, with PROVIDERS=sandbox, to the simulator. */
@Module({})
export class TwilioModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: TwilioModule,
      controllers: config.isSandbox ? [TwilioSandboxController] : [],
      providers: [
        TwilioSandbox,
        {
          provide: TelephonyPort,
          useFactory: (cfg: AppConfig, breakers: ProviderCircuitBreakers, sandbox: TwilioSandbox) =>
            cfg.isSandbox ? sandbox : new TwilioAdapter(cfg, breakers),
          inject: [AppConfig, ProviderCircuitBreakers, TwilioSandbox],
        },
      ],
      exports: [TelephonyPort, TwilioSandbox],
    };
  }
}
