import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { BusinessesModule } from '../businesses';
import { CallsModule } from '../calls';
import { LeadsModule } from '../leads';
import { DailySnapshots } from './daily-snapshots.service';
import { DailySnapshot } from './entities/daily-snapshot.entity';
import { AnalyticsProcessor } from './jobs/analytics.processor';
import { SnapshotsRepository } from './persistence/snapshots.repository';

/** Daily snapshots per business and global, from the calls and leads modules' aggregates. See README.md. */
@Module({
  imports: [TypeOrmModule.forFeature([DailySnapshot]), BusinessesModule, CallsModule, LeadsModule],
  providers: [SnapshotsRepository, DailySnapshots, AnalyticsProcessor],
  exports: [DailySnapshots],
})
export class AnalyticsModule {}
