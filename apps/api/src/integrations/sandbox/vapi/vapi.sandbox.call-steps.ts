import { Injectable } from '@nestjs/common';
import { JobHandler } from '../../../common/queue/job-handler.decorator';
import { JobName, JobPayloads } from '../../../common/queue/jobs';
import { VapiSandbox } from './vapi.sandbox';

/**
 * Plays the next event of a simulated call. A sandbox-only job: this handler is registered only
 * with PROVIDERS=sandbox (the SandboxModule), and the worker expects it only then (jobsFor).
 */
@Injectable()
export class SandboxVapiCallSteps {
  constructor(private readonly sandbox: VapiSandbox) {}

  @JobHandler(JobName.SandboxVapiCallStep)
  handle(payload: JobPayloads[JobName.SandboxVapiCallStep]): Promise<unknown> {
    return this.sandbox.runStep(payload);
  }
}
