import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { JobHandler } from '../../common/queue/job-handler.decorator';
import { JobName } from '../../common/queue/jobs';
import { queryRows } from '../../database/query-rows';

/**
 * Every few minutes: pending or active trials past their 48 hours become expired. Reads never wait
 * for it (an overdue trial already answers `expired` and refuses calls); it keeps the table honest
 * for the admin views and the funnel.
 */
@Injectable()
export class TrialExpiry {
  private readonly logger = new Logger(TrialExpiry.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  @JobHandler(JobName.ExpireTrials)
  async expireJob(): Promise<{ expired: number }> {
    return { expired: await this.expireDue() };
  }

  async expireDue(): Promise<number> {
    const now = this.clock.now();
    const rows = await queryRows<{ id: string }>(
      this.db,
      `UPDATE trials SET status = 'expired', updated_at = $1 WHERE status IN ('pending', 'active') AND expires_at <= $1 RETURNING id`,
      [now],
    );
    if (rows.length > 0) this.logger.log({ expired: rows.length }, 'trials expired');
    return rows.length;
  }
}
