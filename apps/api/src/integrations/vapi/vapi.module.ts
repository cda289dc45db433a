import { DynamicModule, Module } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { ProviderCircuitBreakers } from '../resilience/provider-circuit-breakers';
import { VapiAdapter } from './vapi.adapter';
import { VoiceAgentPort } from './vapi.port';
import { SandboxVapiCallSteps, VapiSandbox } from '../sandbox/vapi/vapi.sandbox';
import { VapiSandboxController } from '../sandbox/vapi/vapi.sandbox.controller';
import { VapiSandboxInbound } from '../sandbox/vapi/vapi.sandbox.inbound';
import { VapiSandboxInboundController } from '../sandbox/vapi/vapi.sandbox.inbound.controller';

/** Binds VoiceAgentPort to the live adapter or, with PROVIDERS=sandbox, to the simulator. */
@Module({})
export class VapiModule {
  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: VapiModule,
      controllers: config.isSandbox ? [VapiSandboxController, VapiSandboxInboundController] : [],
      providers: [
        VapiSandbox,
        SandboxVapiCallSteps,
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
