import { Processor } from '@nestjs/bullmq';
import { JobName } from '../../../common/queue/jobs';
import { JobHandlers, QueueProcessor } from '../../../common/queue/queue-processor';
import { QueueName } from '../../../common/queue/queues';
import { TrialExpiry } from '../trial-expiry.service';

@Processor(QueueName.Trials)
export class TrialsProcessor extends QueueProcessor<QueueName.Trials> {
  readonly queue = QueueName.Trials;

  constructor(private readonly expiry: TrialExpiry) {
    super();
  }

  protected readonly handlers: JobHandlers<QueueName.Trials> = {
    [JobName.ExpireTrials]: async () => ({ expired: await this.expiry.expireDue() }),
  };
}
