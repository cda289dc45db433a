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
import { WeeklyReportsRepository } from './persistence/weekly-reports.repository';
import { WeeklyReportSend, WeeklyReportSetting, WeeklyReportUnsubscribeToken } from './entities/weekly-report.entities';
import { AdminWeeklyReportController, WeeklyReportSettingsController, WeeklyReportUnsubscribeController } from './weekly-report.controller';
import { WeeklyReports } from './weekly-reports.service';

/** Daily snapshots per business and global, from the calls and leads modules' aggregates; the owner's dashboard; the weekly report email; staff's MRR and trial funnel. See README.md. */
@Module({
  imports: [TypeOrmModule.forFeature([DailySnapshot, WeeklyReportSetting, WeeklyReportSend, WeeklyReportUnsubscribeToken]), BusinessesModule, CallsModule, LeadsModule, TrialsModule],
  controllers: [BusinessAnalyticsController, AdminAnalyticsController, WeeklyReportSettingsController, WeeklyReportUnsubscribeController, AdminWeeklyReportController],
  providers: [AdminAnalyticsService, SnapshotsRepository, DailySnapshots, BusinessAnalyticsService, AnalyticsProcessor, WeeklyReportsRepository, WeeklyReports],
  exports: [DailySnapshots, WeeklyReports],
})
export class AnalyticsModule {}
