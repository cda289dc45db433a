import { Processor } from '@nestjs/bullmq';
import { JobName } from '../../../common/queue/jobs';
import { JobHandlers, QueueProcessor } from '../../../common/queue/queue-processor';
import { QueueName } from '../../../common/queue/queues';
import { HealthPing } from '../health-ping.service';

@Processor(QueueName.Health)
export class HealthProcessor extends QueueProcessor<QueueName.Health> {
  readonly queue = QueueName.Health;

  constructor(private readonly ping: HealthPing) {
    super();
  }

  protected readonly handlers: JobHandlers<QueueName.Health> = {
    [JobName.Ping]: (payload) => this.ping.ping(payload),
  };
}
