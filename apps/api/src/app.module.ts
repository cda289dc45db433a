import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import pino from 'pino';
import { Clock } from './common/clock';
import { ClockModule } from './common/clock.module';
import { pinoOptions } from './common/logging';
import { QueueModule } from './common/queue/queue.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { DatabaseModule } from './database/database.module';
import { BusinessesModule } from './modules/businesses/businesses.module';
import { HealthModule } from './modules/health/health.module';

export interface AppModuleOptions {
  /** The HTTP process shares Fastify's request-bound logger; the worker has its own pino. */
  role: 'http' | 'worker';
  /** Tests hand in a clock they control. */
  clock?: Clock;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppModuleOptions): DynamicModule {
    const logging =
      options.role === 'http'
        ? LoggerModule.forRoot({ useExisting: true, pinoHttp: pinoOptions(config.env.LOG_LEVEL), forRoutes: [] })
        : LoggerModule.forRoot({ pinoHttp: { logger: pino({ ...pinoOptions(config.env.LOG_LEVEL), base: { service: 'beaker-worker' } }) }, forRoutes: [] });
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        logging,
        ClockModule.forRoot(options.clock),
        DatabaseModule,
        QueueModule,
        HealthModule,
        BusinessesModule,
      ],
    };
  }
}
