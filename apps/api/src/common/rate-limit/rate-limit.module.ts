import { Global, Module } from '@nestjs/common';
import { RateLimiter } from './rate-limiter';

/** Provides RateLimiter everywhere (sign-in, API keys, trial creation, …). */
@Global()
@Module({ providers: [RateLimiter], exports: [RateLimiter] })
export class RateLimitModule {}
