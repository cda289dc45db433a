import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { Clock } from '../../common/clock';
import { JobHandler } from '../../common/queue/job-handler.decorator';
import { JobName } from '../../common/queue/jobs';

/** How long spent links and dead sessions are kept for support questions before deletion. */
const KEEP_SPENT_MS = 30 * 24 * 3600 * 1000;

@Injectable()
export class AuthJobs {
  constructor(
    private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  /** Hourly: deletes links and sessions that ended more than 30 days ago (the tables stay small). */
  @JobHandler(JobName.AuthCleanup)
  async cleanup(): Promise<{ magicLinks: number; sessions: number }> {
    const before = new Date(this.clock.now().getTime() - KEEP_SPENT_MS);
    const [, magicLinks] = (await this.db.query(`DELETE FROM magic_links WHERE expires_at < $1`, [before])) as [unknown, number];
    const [, sessions] = (await this.db.query(`DELETE FROM sessions WHERE expires_at < $1 OR revoked_at < $1`, [before])) as [unknown, number];
    return { magicLinks, sessions };
  }
}
