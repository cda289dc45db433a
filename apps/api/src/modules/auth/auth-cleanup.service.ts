import { Injectable } from '@nestjs/common';
import { Clock } from '../../common/clock';
import { MagicLinksRepository } from './persistence/magic-links.repository';
import { SessionsRepository } from './persistence/sessions.repository';

/** How long spent links and dead sessions are kept for support questions before deletion. */
export const KEEP_SPENT_MS = 30 * 24 * 3600 * 1000;

/** Keeps the sign-in tables small (run hourly by the auth-cleanup job). */
@Injectable()
export class AuthCleanup {
  constructor(
    private readonly links: MagicLinksRepository,
    private readonly sessions: SessionsRepository,
    private readonly clock: Clock,
  ) {}

  /** Deletes links and sessions that ended more than 30 days ago. */
  async cleanup(): Promise<{ magicLinks: number; sessions: number }> {
    const before = new Date(this.clock.now().getTime() - KEEP_SPENT_MS);
    const magicLinks = await this.links.deleteExpiredBefore(before);
    const sessions = await this.sessions.deleteEndedBefore(before);
    return { magicLinks, sessions };
  }
}
