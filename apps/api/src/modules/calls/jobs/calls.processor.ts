import { Processor } from '@nestjs/bullmq';
import { JobName } from '../../../common/queue/jobs';
import { JobHandlers, QueueProcessor } from '../../../common/queue/queue-processor';
import { QueueName } from '../../../common/queue/queues';
import { CallReconciliation } from '../call-reconciliation.service';

@Processor(QueueName.Calls)
export class CallsProcessor extends QueueProcessor<QueueName.Calls> {
  readonly queue = QueueName.Calls;

  constructor(private readonly reconciliation: CallReconciliation) {
    super();
  }

  protected readonly handlers: JobHandlers<QueueName.Calls> = {
    [JobName.ReconcileCalls]: () => this.reconciliation.reconcile(),
  };
}
