import { Injectable } from '@nestjs/common';
import { inBatches } from '../../database/batches';
import { CallsRepository } from './calls.repository';

/**
 * The calls module's retention (README.md, "Retention"): a business's own period for recordings
 * and transcripts (its compliance settings), applied by the retention job.
 */
@Injectable()
export class CallsRetention {
  constructor(private readonly calls: CallsRepository) {}

  /**
   * Clears the recording URL and the transcript of a business's calls created before `before`, in
   * batches; the summary, extracted lead, duration and costs stay. How many calls were cleared.
   */
  forgetRecordings(businessId: string, before: Date, batchSize?: number): Promise<number> {
    return inBatches((limit) => this.calls.clearRecordingsBefore(businessId, before, limit), batchSize);
  }
}
