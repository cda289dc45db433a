import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { AdminUserSummary, Page } from '@beaker/contracts';
import { Clock } from '../../common/clock';
import { AppConfig } from '../../config/app-config';
import type { PageQueryDto } from '../../common/http/pagination';
import type { Tx } from '../../database/database';
import { UsersRepository } from './persistence/users.repository';
import { normalizeEmail } from './sign-in-rules';

/** People (`users`), for the modules that need to name or find one. */
@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Users');

  constructor(
    private readonly users: UsersRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /**
   * ADMIN_EMAILS is the list of Beaker staff: at start-up, an admin whose address was taken off it
   * becomes a user, so that no session of theirs (sessions slide) keeps the role. Sign-in applies
   * the list both ways too.
   */
  async onApplicationBootstrap(): Promise<void> {
    const demoted = await this.users.demoteAdminsNotIn(this.config.env.ADMIN_EMAILS, this.clock.now());
    if (demoted.length > 0) this.logger.warn({ count: demoted.length }, 'admins no longer in ADMIN_EMAILS are users again');
  }

  /** The user of an email address, created without signing in if they have no account yet. */
  ensure(email: string, tx?: Tx): Promise<string> {
    return this.users.ensure(normalizeEmail(email), this.clock.now(), tx);
  }

  /** The user with this email address, if any. */
  findByEmail(email: string, tx?: Tx): Promise<{ id: string; email: string } | null> {
    return this.users.findByEmail(normalizeEmail(email), tx);
  }

  find(userId: string, tx?: Tx): Promise<{ id: string; email: string } | null> {
    return this.users.find(userId, tx);
  }

  /** Staff search: users whose email contains the text (any case), newest first. */
  async search(text: string | undefined, page: PageQueryDto): Promise<Page<AdminUserSummary>> {
    const found = await this.users.search(text?.trim().toLowerCase() || undefined, page);
    return {
      items: found.items.map((u) => ({
        id: u.id,
        email: u.email,
        role: u.role,
        createdAt: u.createdAt.toISOString(),
        lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
        suspendedAt: u.suspendedAt?.toISOString() ?? null,
      })),
      nextCursor: found.nextCursor,
    };
  }
}
