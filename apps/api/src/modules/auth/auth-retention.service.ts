import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { inBatches } from '../../database/batches';
import { MagicLinksRepository } from './persistence/magic-links.repository';
import { SessionsRepository } from './persistence/sessions.repository';

const DAY_MS = 24 * 3600 * 1000;
/** A sign-in link (used or not) is kept this long after it expired: long enough to answer "my link did not work". */
export const KEEP_MAGIC_LINKS_MS = 7 * DAY_MS;
/** A session is kept this long after it ended (expired or revoked): staff's sign-in history for support questions. */
export const KEEP_ENDED_SESSIONS_MS = 30 * DAY_MS;

/** The auth module's retention (README.md, "Retention"), run by the retention job. */
@Injectable()
export class AuthRetention {
  constructor(
    private readonly links: MagicLinksRepository,
    private readonly sessions: SessionsRepository,
    private readonly clock: Clock,
  ) {}

  /** Deletes links expired over 7 days ago and sessions that ended over 30 days ago, in batches. */
  async prune(batchSize?: number): Promise<{ magicLinks: number; sessions: number }> {
    const now = this.clock.now().getTime();
    const linksBefore = new Date(now - KEEP_MAGIC_LINKS_MS);
    const sessionsBefore = new Date(now - KEEP_ENDED_SESSIONS_MS);
    const magicLinks = await inBatches((limit) => this.links.deleteExpiredBefore(linksBefore, limit), batchSize);
    const sessions = await inBatches((limit) => this.sessions.deleteEndedBefore(sessionsBefore, limit), batchSize);
    return { magicLinks, sessions };
  }
}
