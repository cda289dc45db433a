import { Module } from '@nestjs/common';
import { HealthController } from './health.controller';
import { HealthPing } from './health-ping.service';
import { HealthService } from './health.service';
import { HealthProcessor } from './jobs/health.processor';

/** Liveness and readiness, and the worker's heartbeat job. */
@Module({ controllers: [HealthController], providers: [HealthService, HealthPing, HealthProcessor] })
export class HealthModule {}
