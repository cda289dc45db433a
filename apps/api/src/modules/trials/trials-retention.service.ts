import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { inBatches } from '../../database/batches';
import { AbuseEventsRepository } from './persistence/abuse-events.repository';
import { PhoneVerificationsRepository } from './persistence/phone-verifications.repository';

const DAY_MS = 24 * 3600 * 1000;
/** Staff's abuse view looks back at most 90 days; half a year shows a pattern coming back. */
export const KEEP_ABUSE_EVENTS_MS = 180 * DAY_MS;
/** A code lives 10 minutes and a trial 48 hours: a week after its expiry nothing reads a code's row. */
export const KEEP_PHONE_VERIFICATIONS_MS = 7 * DAY_MS;

/** The trials module's retention (README.md, "Retention"), run by the retention job. */
@Injectable()
export class TrialsRetention {
  constructor(
    private readonly abuseEvents: AbuseEventsRepository,
    private readonly verifications: PhoneVerificationsRepository,
    private readonly clock: Clock,
  ) {}

  /** Deletes abuse events older than 180 days and verification codes expired over 7 days ago, in batches. */
  async prune(batchSize?: number): Promise<{ abuseEvents: number; phoneVerifications: number }> {
    const now = this.clock.now().getTime();
    const abuseBefore = new Date(now - KEEP_ABUSE_EVENTS_MS);
    const codesBefore = new Date(now - KEEP_PHONE_VERIFICATIONS_MS);
    const abuseEvents = await inBatches((limit) => this.abuseEvents.deleteBefore(abuseBefore, limit), batchSize);
    const phoneVerifications = await inBatches((limit) => this.verifications.deleteExpiredBefore(codesBefore, limit), batchSize);
    return { abuseEvents, phoneVerifications };
  }
}
