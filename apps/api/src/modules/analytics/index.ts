// The analytics module's public surface: what other modules may import (nothing else in this folder).
export { AnalyticsModule } from './analytics.module';
export { DailySnapshots } from './daily-snapshots.service';
export { WeeklyReports } from './weekly-reports.service';
