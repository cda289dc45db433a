import { Processor } from '@nestjs/bullmq';
import { JobName } from '../../../common/queue/jobs';
import { JobHandlers, QueueProcessor } from '../../../common/queue/queue-processor';
import { QueueName } from '../../../common/queue/queues';
import { WebhookDeliverySweeper } from '../webhook-delivery-sweeper.service';
import { WebhookDeliveryService } from '../webhook-delivery.service';
import { WebhookEndpointsService } from '../webhook-endpoints.service';

@Processor(QueueName.OutboundWebhooks)
export class OutboundWebhooksProcessor extends QueueProcessor<QueueName.OutboundWebhooks> {
  readonly queue = QueueName.OutboundWebhooks;

  constructor(
    private readonly delivery: WebhookDeliveryService,
    private readonly sweeper: WebhookDeliverySweeper,
    private readonly endpoints: WebhookEndpointsService,
  ) {
    super();
  }

  protected readonly handlers: JobHandlers<QueueName.OutboundWebhooks> = {
    [JobName.DeliverWebhook]: (payload) => this.delivery.deliver(payload),
    [JobName.SweepWebhookDeliveries]: () => this.sweeper.sweep(),
    [JobName.NotifyWebhookEndpointDisabled]: (payload) => this.endpoints.notifyDisabled(payload),
  };
}
