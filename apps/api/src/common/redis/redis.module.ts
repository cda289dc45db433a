import { Global, Module } from '@nestjs/common';
import { RedisService } from './redis.service';

/** Redis connections for every module (rate limits, caches, pub/sub) and for the queues. */
@Global()
@Module({ providers: [RedisService], exports: [RedisService] })
export class RedisModule {}
