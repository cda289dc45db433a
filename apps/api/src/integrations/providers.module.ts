import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { ResilienceModule } from './resilience/resilience.module';
import { StripeModule } from './stripe/stripe.module';
import { TwilioModule } from './twilio/twilio.module';
import { VapiModule } from './vapi/vapi.module';

/**
 * The three providers behind their ports, for every module: inject VoiceAgentPort, TelephonyPort
 * or BillingPort. Live adapters or sandbox simulators by PROVIDERS; the sandbox's own endpoints
 * exist only in sandbox mode.
 */
@Global()
@Module({})
export class ProvidersModule {
  static forRoot(config: AppConfig): DynamicModule {
    const vendors = [VapiModule.forRoot(config), TwilioModule.forRoot(config), StripeModule.forRoot(config)];
    return {
      module: ProvidersModule,
      imports: [ResilienceModule, ...vendors],
      exports: [ResilienceModule, ...vendors],
    };
  }
}
