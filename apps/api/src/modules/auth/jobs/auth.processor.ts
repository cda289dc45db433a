import { Processor } from '@nestjs/bullmq';
import { JobName } from '../../../common/queue/jobs';
import { JobHandlers, QueueProcessor } from '../../../common/queue/queue-processor';
import { QueueName } from '../../../common/queue/queues';
import { AuthCleanup } from '../auth-cleanup.service';

@Processor(QueueName.Auth)
export class AuthProcessor extends QueueProcessor<QueueName.Auth> {
  readonly queue = QueueName.Auth;

  constructor(private readonly cleanup: AuthCleanup) {
    super();
  }

  protected readonly handlers: JobHandlers<QueueName.Auth> = {
    [JobName.AuthCleanup]: () => this.cleanup.cleanup(),
  };
}
