import { Module } from '@nestjs/common';
import { VapiAdapter } from './vapi.adapter';
import { VoiceAgentPort } from './vapi.port';

/** Vapi, live: VoiceAgentPort → VapiAdapter (ProvidersModule imports it when PROVIDERS=live). */
@Module({
  providers: [{ provide: VoiceAgentPort, useClass: VapiAdapter }],
  exports: [VoiceAgentPort],
})
export class VapiModule {}
