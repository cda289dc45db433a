import { Abstract, DynamicModule, Module, Provider, Type } from '@nestjs/common';
import { Mailer } from '../../common/mail/mailer';
import { mailTransportFor } from '../../common/mail/mail.module';
import { AppConfig } from '../../config/app-config';
import { BillingPort } from '../stripe/stripe.port';
import { TelephonyPort } from '../twilio/twilio.port';
import { VoiceAgentPort } from '../vapi/vapi.port';
import { DevInbox, DevInboxMailer } from './mail/dev-inbox';
import { SandboxProcessor } from './sandbox.processor';
import { SandboxEmailsController } from './mail/sandbox-emails.controller';
import { StripeSandbox } from './stripe/stripe.sandbox';
import { StripeSandboxController } from './stripe/stripe.sandbox.controller';
import { TwilioSandbox } from './twilio/twilio.sandbox';
import { TwilioSandboxController } from './twilio/twilio.sandbox.controller';
import { VapiSandbox } from './vapi/vapi.sandbox';
import { VapiSandboxController } from './vapi/vapi.sandbox.controller';
import { VapiSandboxInbound } from './vapi/vapi.sandbox.inbound';
import { VapiSandboxInboundController } from './vapi/vapi.sandbox.inbound.controller';

/**
 * The product without provider accounts: Vapi, Twilio and Stripe simulated behind their ports,
 * and the development inbox as the Mailer when SMTP_URL is not set. ProvidersModule imports it
 * only with PROVIDERS=sandbox, so in live mode none of it is constructed: no simulator, no
 * `/v1/sandbox/*` or `/sandbox-assets/*` route, no processor for the sandbox's queue.
 */
@Module({})
export class SandboxModule {
  static forRoot(config: AppConfig): DynamicModule {
    const devInbox = mailTransportFor(config) === 'dev-inbox';
    const controllers: Type[] = [VapiSandboxController, VapiSandboxInboundController, TwilioSandboxController, StripeSandboxController];
    const providers: Provider[] = [
      VapiSandbox,
      VapiSandboxInbound,
      SandboxProcessor,
      TwilioSandbox,
      StripeSandbox,
      { provide: VoiceAgentPort, useExisting: VapiSandbox },
      { provide: TelephonyPort, useExisting: TwilioSandbox },
      { provide: BillingPort, useExisting: StripeSandbox },
    ];
    const exports: Abstract<unknown>[] = [VoiceAgentPort, TelephonyPort, BillingPort];
    if (devInbox) {
      controllers.push(SandboxEmailsController);
      providers.push(DevInbox, { provide: Mailer, useClass: DevInboxMailer });
      exports.push(Mailer);
    }
    return { module: SandboxModule, controllers, providers, exports };
  }
}
