import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { RedisService } from '../redis/redis.service';
import { JobRegistry } from './job-registry';
import { JobsService } from './jobs.service';
import { WorkerService } from './worker.service';

@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [RedisService, JobsService, JobRegistry, WorkerService],
  exports: [RedisService, JobsService, JobRegistry, WorkerService],
})
export class QueueModule {}
