import { DynamicModule, Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import type { Logger } from 'pino';
import { Clock, clockFromConfig } from './common/clock';
import { ClockModule } from './common/clock.module';
import { MailModule } from './common/mail/mail.module';
import { RateLimitModule } from './common/rate-limit/rate-limit.module';
import { createLogger } from './common/logging';
import { QueueModule } from './common/queue/queue.module';
import { ErrorTracker } from './common/observability/error-tracker';
import { Metrics } from './common/observability/metrics';
import { ObservabilityModule } from './common/observability/observability.module';
import { RedisModule } from './common/redis/redis.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { databasePoolPlan, type ProcessKind } from './config/database-pool';
import { DatabaseModule } from './database/database.module';
import { AuthModule } from './modules/auth';
import { BusinessesModule } from './modules/businesses';
import { HealthModule } from './modules/health';
import { AdminModule } from './modules/admin';
import { ProvidersModule } from './integrations/providers.module';
import { CallsModule } from './modules/calls';
import { WebhooksModule } from './modules/webhooks';
import { AuditModule } from './common/audit/audit.module';
import { ComplianceModule } from './modules/compliance';
import { TrialsModule } from './modules/trials';
import { LeadsModule } from './modules/leads';
import { OutboundWebhooksModule } from './modules/outbound-webhooks';
import { AnalyticsModule } from './modules/analytics';
import { RetentionModule } from './modules/retention';

export interface AppModuleOptions {
  /** The HTTP process shares Fastify's request-bound logger; the worker has its own pino. */
  role: 'http' | 'worker';
  /** An HTTP process that runs the job processors too (WORKERS=inline): its pool holds both shares. */
  inlineWorkers?: boolean;
  /** Tests hand in a clock they control. */
  clock?: Clock;
  /** The process's root logger (the HTTP process shares it with Fastify). */
  logger?: Logger;
  /** Metrics and error tracking (the HTTP entry makes them first: its request hooks use them). */
  observability?: { metrics: Metrics; tracker: ErrorTracker };
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, options: AppModuleOptions): DynamicModule {
    const logging =
      options.role === 'http'
        ? LoggerModule.forRoot({ useExisting: true, pinoHttp: { logger: options.logger ?? createLogger({ level: config.env.LOG_LEVEL, service: 'beaker-api' }) }, forRoutes: [] })
        : LoggerModule.forRoot({ pinoHttp: { logger: options.logger ?? createLogger({ level: config.env.LOG_LEVEL, service: 'beaker-worker' }) }, forRoutes: [] });
    const service = options.role === 'http' ? 'beaker-api' : 'beaker-worker';
    const kind: ProcessKind = options.role === 'worker' ? 'worker' : options.inlineWorkers ? 'single' : 'api';
    const pool = databasePoolPlan(config.env, kind);
    const observability = options.observability ?? { metrics: new Metrics({ service }), tracker: ErrorTracker.fromConfig(config, service) };
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        logging,
        ObservabilityModule.forRoot(observability),
        ClockModule.forRoot(options.clock ?? clockFromConfig(config.env.CLOCK_OFFSET_MS)),
        DatabaseModule.forRoot(pool.size),
        RedisModule,
        QueueModule.forRoot(config),
        RateLimitModule,
        MailModule.forRoot(config),
        AuthModule,
        ProvidersModule.forRoot(config),
        HealthModule,
        AdminModule,
        BusinessesModule,
        WebhooksModule,
        CallsModule,
        AuditModule,
        ComplianceModule,
        TrialsModule,
        LeadsModule,
        OutboundWebhooksModule,
        AnalyticsModule,
        RetentionModule,
      ],
    };
  }
}
