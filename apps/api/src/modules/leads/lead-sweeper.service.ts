import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { JobName } from '../../common/queue/jobs';
import { JobsService } from '../../common/queue/jobs.service';
import { leadCallJobId } from './lead-call-jobs';
import { LeadsRepository } from './persistence/leads.repository';

/** A due lead is left to its own job this long before the sweeper steps in. */
export const SWEEP_GRACE_MS = 30_000;
const BATCH = 200;

/**
 * Every minute: leads whose call is due but whose job is gone (Redis lost it, or an enqueue after
 * a commit failed) get it again, under the same job id, so a job that still exists is not doubled
 * (and the job itself checks the lead under its lock).
 */
@Injectable()
export class LeadSweeper {
  private readonly logger = new Logger(LeadSweeper.name);

  constructor(
    private readonly leads: LeadsRepository,
    private readonly jobs: JobsService,
    private readonly clock: Clock,
  ) {}

  async sweep(): Promise<{ requeued: number }> {
    const due = await this.leads.due(new Date(this.clock.now().getTime() - SWEEP_GRACE_MS), BATCH);
    const requeued =
      due.length === 0
        ? 0
        : await this.jobs.requeueMany(
            JobName.CallLead,
            due.map((lead) => ({ payload: { leadId: lead.id, attempt: lead.attempts + 1 }, jobId: leadCallJobId(lead.id, lead.attempts + 1, lead.deferred_by_decision_id) })),
          );
    if (requeued > 0) this.logger.warn({ requeued, due: due.length }, 'lead calls scheduled again by the sweeper');
    return { requeued };
  }
}
