import { Processor } from '@nestjs/bullmq';
import { JobName } from '../../common/queue/jobs';
import { JobHandlers, QueueProcessor } from '../../common/queue/queue-processor';
import { QueueName } from '../../common/queue/queues';
import { VapiSandbox } from './vapi.sandbox';

/** The simulated calls' steps (status-update … end-of-call-report); registered in sandbox mode only. */
@Processor(QueueName.Sandbox)
export class SandboxProcessor extends QueueProcessor<QueueName.Sandbox> {
  readonly queue = QueueName.Sandbox;

  constructor(private readonly sandbox: VapiSandbox) {
    super();
  }

  protected readonly handlers: JobHandlers<QueueName.Sandbox> = {
    [JobName.SandboxVapiCallStep]: (payload) => this.sandbox.runStep(payload),
  };
}
