import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { TrialsRepository } from './persistence/trials.repository';

/**
 * Every few minutes: pending or active trials past their 48 hours become expired. Reads never wait
 * for it (an overdue trial already answers `expired` and refuses calls); it keeps the table honest
 * for the admin views and the funnel.
 */
@Injectable()
export class TrialExpiry {
  private readonly logger = new Logger(TrialExpiry.name);

  constructor(
    private readonly trials: TrialsRepository,
    private readonly clock: Clock,
  ) {}

  async expireDue(): Promise<number> {
    const now = this.clock.now();
    const expired = await this.trials.expireDue(now);
    if (expired > 0) this.logger.log({ expired }, 'trials expired');
    return expired;
  }
}
