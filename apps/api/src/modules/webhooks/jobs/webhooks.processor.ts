import { Processor } from '@nestjs/bullmq';
import { JobName } from '../../../common/queue/jobs';
import { JobHandlers, QueueProcessor } from '../../../common/queue/queue-processor';
import { QueueName } from '../../../common/queue/queues';
import { WebhookDispatcher } from '../webhook-dispatcher.service';
import { WebhookSweeper } from '../webhook-sweeper.service';

@Processor(QueueName.Webhooks)
export class WebhooksProcessor extends QueueProcessor<QueueName.Webhooks> {
  readonly queue = QueueName.Webhooks;

  constructor(
    private readonly dispatcher: WebhookDispatcher,
    private readonly sweeper: WebhookSweeper,
  ) {
    super();
  }

  protected readonly handlers: JobHandlers<QueueName.Webhooks> = {
    [JobName.ProcessWebhookEvent]: (payload, meta) => this.dispatcher.processJob(payload, meta),
    [JobName.SweepWebhookEvents]: async () => ({ enqueued: await this.sweeper.sweep() }),
  };
}
