import { Global, Module } from '@nestjs/common';
import { ProviderCircuitBreakers } from './provider-circuit-breakers';
import { ResiliencePolicy, ResilienceTiming, SystemResilienceTiming } from './resilience.policy';

/** The breakers every adapter runs its calls in; one instance per process. */
@Global()
@Module({
  providers: [
    { provide: ResiliencePolicy, useValue: new ResiliencePolicy() },
    { provide: ResilienceTiming, useClass: SystemResilienceTiming },
    ProviderCircuitBreakers,
  ],
  exports: [ProviderCircuitBreakers, ResiliencePolicy, ResilienceTiming],
})
export class ResilienceModule {}
