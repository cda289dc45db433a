import { Processor } from '@nestjs/bullmq';
import { JobName } from '../../../common/queue/jobs';
import { JobHandlers, QueueProcessor } from '../../../common/queue/queue-processor';
import { QueueName } from '../../../common/queue/queues';
import { LeadCallsService } from '../lead-calls.service';
import { LeadNotificationsService } from '../lead-notifications.service';
import { LeadSweeper } from '../lead-sweeper.service';

@Processor(QueueName.Leads)
export class LeadsProcessor extends QueueProcessor<QueueName.Leads> {
  readonly queue = QueueName.Leads;

  constructor(
    private readonly calls: LeadCallsService,
    private readonly notifications: LeadNotificationsService,
    private readonly sweeper: LeadSweeper,
  ) {
    super();
  }

  protected readonly handlers: JobHandlers<QueueName.Leads> = {
    [JobName.CallLead]: (payload, meta) => this.calls.callLead(payload, meta),
    [JobName.NotifyLeadOwners]: (payload) => this.notifications.notify(payload),
    [JobName.SweepLeads]: () => this.sweeper.sweep(),
  };
}
