import { DynamicModule, Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { BullModule } from '@nestjs/bullmq';
import { AppConfig } from '../../config/app-config';
import { RedisModule } from '../redis/redis.module';
import { RedisService } from '../redis/redis.service';
import { DEFAULT_JOB_OPTIONS, JobsService } from './jobs.service';
import { QueueMetrics } from './queue-metrics';
import { queuesFor } from './queues';
import { WorkerService } from './worker.service';

/**
 * The queues of this provider mode, registered with @nestjs/bullmq on one Redis connection
 * (RedisService.queueConnection; workers get their blocking connections from it). Workers are
 * created only when WorkerService.start() asks (manual registration): the worker entry point, or
 * the HTTP process with WORKERS=inline.
 */
@Global()
@Module({})
export class QueueModule {
  static forRoot(config: AppConfig): DynamicModule {
    const queues = BullModule.registerQueue(...queuesFor({ sandbox: config.isSandbox }).map((name) => ({ name, defaultJobOptions: DEFAULT_JOB_OPTIONS })));
    return {
      module: QueueModule,
      imports: [
        DiscoveryModule,
        BullModule.forRootAsync({
          imports: [RedisModule],
          inject: [RedisService],
          useFactory: (redis: RedisService) => ({ connection: redis.queueConnection }),
          extraOptions: { manualRegistration: true },
        }),
        queues,
      ],
      providers: [JobsService, WorkerService, QueueMetrics],
      exports: [JobsService, WorkerService, queues],
    };
  }
}
