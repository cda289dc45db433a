import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import type { AdminSessionView, AdminUserSummary, Page } from '@beaker/contracts';
import { Clock } from '../../common/clock';
import type { SearchTerms, StaffSearchMatch } from '../../common/staff-search/search-terms';
import { AppConfig } from '../../config/app-config';
import type { PageQueryDto } from '../../common/http/pagination';
import type { Tx } from '../../database/database';
import type { User } from './entities/user.entity';
import { SessionsRepository } from './persistence/sessions.repository';
import { UsersRepository } from './persistence/users.repository';
import { normalizeEmail } from './sign-in-rules';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

function toAdminUserSummary(u: User): AdminUserSummary {
  return {
    id: u.id,
    email: u.email,
    role: u.role,
    createdAt: u.createdAt.toISOString(),
    lastSignInAt: u.lastSignInAt?.toISOString() ?? null,
    suspendedAt: u.suspendedAt?.toISOString() ?? null,
    suspensionReason: u.suspensionReason,
  };
}

/** People (`users`), for the modules that need to name or find one. */
@Injectable()
export class UsersService implements OnApplicationBootstrap {
  private readonly logger = new Logger('Users');

  constructor(
    private readonly users: UsersRepository,
    private readonly sessions: SessionsRepository,
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

  /** Staff's page of a user: who they are and their sessions (newest first); null when there is no such user. */
  /** People (not staff) who signed up in [from, to), with when: the trial funnel's first step. */
  async signupsForStaff(from: Date, to: Date): Promise<{ userId: string; signedUpAt: Date }[]> {
    return (await this.users.signupsBetween(from, to)).map((r) => ({ userId: r.id, signedUpAt: r.created_at }));
  }

  async staffDetail(userId: string): Promise<{ user: AdminUserSummary; sessions: AdminSessionView[] } | null> {
    if (!UUID.test(userId)) return null;
    const user = await this.users.findFull(userId);
    if (!user) return null;
    const sessions = await this.sessions.listForUser(user.id, 20);
    return {
      user: toAdminUserSummary(user),
      sessions: sessions.map((s) => ({
        id: s.id,
        createdAt: s.created_at.toISOString(),
        lastSeenAt: s.last_seen_at.toISOString(),
        expiresAt: s.expires_at.toISOString(),
        revokedAt: s.revoked_at?.toISOString() ?? null,
        ip: s.ip,
        userAgent: s.user_agent,
      })),
    };
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

  /** Staff search (GET /v1/admin/search): users by id or email (whole, start, or part). */
  async searchForStaff(terms: SearchTerms): Promise<StaffSearchMatch[]> {
    const rows = await this.users.staffSearch(terms);
    return rows.map((u) => ({
      kind: 'user' as const,
      id: u.id,
      title: u.email,
      subtitle: [u.role === 'admin' ? 'staff' : 'user', u.suspended_at ? `suspended ${u.suspended_at.toISOString().slice(0, 10)}` : null, `joined ${u.created_at.toISOString().slice(0, 10)}`]
        .filter(Boolean)
        .join(' · '),
      url: `/admin/users/${u.id}`,
      rank: u.rank,
    }));
  }

  /** Staff search: users whose email contains the text (any case), newest first. */
  async search(text: string | undefined, page: PageQueryDto): Promise<Page<AdminUserSummary>> {
    const found = await this.users.search(text?.trim().toLowerCase() || undefined, page);
    return {
      items: found.items.map(toAdminUserSummary),
      nextCursor: found.nextCursor,
    };
  }
}
