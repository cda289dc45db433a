import { Processor } from '@nestjs/bullmq';
import { JobName } from '../../../common/queue/jobs';
import { JobHandlers, QueueProcessor } from '../../../common/queue/queue-processor';
import { QueueName } from '../../../common/queue/queues';
import { DailySnapshots } from '../daily-snapshots.service';
import { WeeklyReports } from '../weekly-reports.service';

@Processor(QueueName.Analytics)
export class AnalyticsProcessor extends QueueProcessor<QueueName.Analytics> {
  readonly queue = QueueName.Analytics;

  constructor(
    private readonly snapshots: DailySnapshots,
    private readonly weeklyReports: WeeklyReports,
  ) {
    super();
  }

  protected readonly handlers: JobHandlers<QueueName.Analytics> = {
    [JobName.SnapshotAnalytics]: () => this.snapshots.snapshotDue(),
    [JobName.SendWeeklyReports]: () => this.weeklyReports.sendDue(),
  };
}
