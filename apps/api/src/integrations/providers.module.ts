import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { ResilienceModule } from './resilience/resilience.module';
import { SandboxModule } from './sandbox/sandbox.module';
import { StripeModule } from './stripe/stripe.module';
import { TwilioModule } from './twilio/twilio.module';
import { VapiModule } from './vapi/vapi.module';

/**
 * The three providers behind their ports, for every module: inject VoiceAgentPort, TelephonyPort
 * or BillingPort. The implementation is picked here, once: PROVIDERS=live imports the vendors'
 * live modules (adapters, run inside the breakers); PROVIDERS=sandbox imports the SandboxModule
 * instead, and nothing of the other side is constructed.
 */
@Global()
@Module({})
export class ProvidersModule {
  static forRoot(config: AppConfig): DynamicModule {
    const implementation = config.isSandbox ? [SandboxModule.forRoot(config)] : [VapiModule, TwilioModule, StripeModule];
    return {
      module: ProvidersModule,
      imports: [ResilienceModule, ...implementation],
      exports: [ResilienceModule, ...implementation],
    };
  }
}
