import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { ProviderCircuitBreakers } from '../resilience/provider-circuit-breakers';
import { VapiAdapter } from './vapi.adapter';
import { VoiceAgentPort } from './vapi.port';
import { VapiSandbox } from './vapi.sandbox';
import { SandboxProcessor } from './vapi-sandbox.processor';
import { VapiSandboxController } from './vapi.sandbox.controller';
import { VapiSandboxInbound } from './vapi.sandbox.inbound';
import { VapiSandboxInboundController } from './vapi.sandbox.inbound.controller';

/** Binds VoiceAgentPort to the live adapter or, with PROVIDERS=sandbox, to the simulator. */
@Module({})
export class VapiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: VapiModule,
      controllers: config.isSandbox ? [VapiSandboxController, VapiSandboxInboundController] : [],
      providers: [
        VapiSandbox,
        ...(config.isSandbox ? [SandboxProcessor] : []),
        VapiSandboxInbound,
        {
          provide: VoiceAgentPort,
          useFactory: (cfg: AppConfig, breakers: ProviderCircuitBreakers, sandbox: VapiSandbox) =>
            cfg.isSandbox ? sandbox : new VapiAdapter(cfg, breakers),
          inject: [AppConfig, ProviderCircuitBreakers, VapiSandbox],
        },
      ],
      exports: [VoiceAgentPort, VapiSandbox],
    };
  }
}
