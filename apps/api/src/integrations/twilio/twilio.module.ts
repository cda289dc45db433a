import { Module } from '@nestjs/common';
import { TwilioAdapter } from './twilio.adapter';
import { TelephonyPort } from './twilio.port';

/** Twilio, live: TelephonyPort → TwilioAdapter (ProvidersModule imports it when PROVIDERS=live). */
@Module({
  providers: [{ provide: TelephonyPort, useClass: TwilioAdapter }],
  exports: [TelephonyPort],
})
export class TwilioModule {}
