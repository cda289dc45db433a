import { Processor } from '@nestjs/bullmq';
import { JobName } from '../../common/queue/jobs';
import { JobHandlers, QueueProcessor } from '../../common/queue/queue-processor';
import { QueueName } from '../../common/queue/queues';
import { VapiSandbox } from './vapi/vapi.sandbox';

/**
 * The simulators' own work: the next event of a simulated call. Its queue exists only with
 * PROVIDERS=sandbox, and this processor is registered only by the SandboxModule.
 */
@Processor(QueueName.Sandbox)
export class SandboxProcessor extends QueueProcessor<QueueName.Sandbox> {
  readonly queue = QueueName.Sandbox;

  constructor(private readonly vapi: VapiSandbox) {
    super();
  }

  protected readonly handlers: JobHandlers<QueueName.Sandbox> = {
    [JobName.SandboxVapiCallStep]: (payload) => this.vapi.runStep(payload),
  };
}
