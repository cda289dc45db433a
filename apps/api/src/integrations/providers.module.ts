import { DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { ResilienceModule } from './resilience/resilience.module';
import { SandboxModule } from './sandbox/sandbox.module';
import { StripeModule } from './stripe/stripe.module';
import { StripeWebhookVerifier } from './stripe/stripe.webhook-signature';
import { TwilioModule } from './twilio/twilio.module';
import { TwilioWebhookVerifier } from './twilio/twilio.webhook-signature';
import { VapiModule } from './vapi/vapi.module';
import { VapiWebhookVerifier } from './vapi/vapi.signature';

/** The same in both modes: the sandbox signs its webhooks exactly as the providers do. */
const WEBHOOK_VERIFIERS = [StripeWebhookVerifier, TwilioWebhookVerifier, VapiWebhookVerifier];

/**
 * The three providers behind their ports, for every module: inject VoiceAgentPort, TelephonyPort
 * or BillingPort. The implementation is picked here, once: PROVIDERS=live imports the vendors'
 * live modules (adapters, run inside the breakers); PROVIDERS=sandbox imports the SandboxModule
 * instead, and nothing of the other side is constructed. The webhook receiver's signature
 * verifiers (the vendors' SDKs for Stripe and Twilio, ours for Vapi) are provided in both modes.
 */
@Global()
@Module({})
export class ProvidersModule {
  static forRoot(config: AppConfig): DynamicModule {
    const implementation = config.isSandbox ? [SandboxModule.forRoot(config)] : [VapiModule, TwilioModule, StripeModule];
    return {
      module: ProvidersModule,
      imports: [ResilienceModule, ...implementation],
      providers: WEBHOOK_VERIFIERS,
      exports: [ResilienceModule, ...implementation, ...WEBHOOK_VERIFIERS],
    };
  }
}
