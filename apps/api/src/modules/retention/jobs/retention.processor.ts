import { Processor } from '@nestjs/bullmq';
import { JobName } from '../../../common/queue/jobs';
import { JobHandlers, QueueProcessor } from '../../../common/queue/queue-processor';
import { QueueName } from '../../../common/queue/queues';
import { RetentionService } from '../retention.service';

@Processor(QueueName.Retention)
export class RetentionProcessor extends QueueProcessor<QueueName.Retention> {
  readonly queue = QueueName.Retention;

  constructor(private readonly retention: RetentionService) {
    super();
  }

  protected readonly handlers: JobHandlers<QueueName.Retention> = {
    [JobName.ApplyRetention]: () => this.retention.run(),
  };
}
