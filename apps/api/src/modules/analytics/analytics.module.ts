import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BusinessesModule } from '../businesses';
import { CallsModule } from '../calls';
import { LeadsModule } from '../leads';
import { TrialsModule } from '../trials';
import { AdminAnalyticsController } from './admin-analytics.controller';
import { AdminAnalyticsService } from './admin-analytics.service';
import { BusinessAnalyticsController } from './business-analytics.controller';
import { BusinessAnalyticsService } from './business-analytics.service';
import { DailySnapshots } from './daily-snapshots.service';
import { DailySnapshot } from './entities/daily-snapshot.entity';
import { AnalyticsProcessor } from './jobs/analytics.processor';
import { SnapshotsRepository } from './persistence/snapshots.repository';

/** Daily snapshots per business and global, from the calls and leads modules' aggregates; the owner's dashboard; staff's MRR and trial funnel. See README.md. */
@Module({
  imports: [TypeOrmModule.forFeature([DailySnapshot]), BusinessesModule, CallsModule, LeadsModule, TrialsModule],
  controllers: [BusinessAnalyticsController, AdminAnalyticsController],
  providers: [AdminAnalyticsService, SnapshotsRepository, DailySnapshots, BusinessAnalyticsService, AnalyticsProcessor],
  exports: [DailySnapshots],
})
export class AnalyticsModule {}
