import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { BusinessMemberView, MemberRole, Page } from '@beaker/contracts';
import { Clock } from '../../../common/clock';
import { Mailer } from '../../../common/mail/mailer';
import { RateLimiter, RateLimitRule } from '../../../common/rate-limit/rate-limiter';
import { AppConfig } from '../../../config/app-config';
import { queryRows } from '../../../database/query-rows';
import type { User } from '../../auth/entities/user.entity';
import { AuthCache } from '../../auth/auth-cache';
import { MagicLinksService } from '../../auth/magic-links.service';
import { AlreadyAMember, LastOwner, MemberNotFound } from '../businesses.errors';
import { teamInviteEmail } from './team-invite.email';

/** Invitations send email to addresses the owner types: bounded per business. */
export const TEAM_INVITES_PER_BUSINESS: RateLimitRule = { name: 'team-invite', limit: 20, windowSeconds: 3600 };
const MAX_TEAM_LIST = 200;

interface MemberRow {
  user_id: string;
  email: string;
  role: MemberRole;
  created_at: Date;
}

/** The people of a business: owners add members by email (they get a sign-in link) and remove them. */
@Injectable()
export class TeamService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly mailer: Mailer,
    private readonly rateLimiter: RateLimiter,
    private readonly magicLinks: MagicLinksService,
    private readonly authCache: AuthCache,
  ) {}

  async list(businessId: string): Promise<Page<BusinessMemberView>> {
    const rows: MemberRow[] = await this.db.query(
      `SELECT m.user_id, u.email, m.role, m.created_at FROM business_members m JOIN users u ON u.id = m.user_id
        WHERE m.business_id = $1 ORDER BY (m.role = 'owner') DESC, m.created_at, u.email LIMIT ${MAX_TEAM_LIST}`,
      [businessId],
    );
    return { items: rows.map(toView), nextCursor: null };
  }

  /**
   * Adds the person as a member (their account is created if they have none) and emails a sign-in
   * link to the dashboard. All or nothing: if the email cannot be sent, they are not added.
   */
  async invite(businessId: string, invitedBy: User, rawEmail: string): Promise<BusinessMemberView> {
    const email = rawEmail.trim().toLowerCase();
    await this.rateLimiter.consume(TEAM_INVITES_PER_BUSINESS, businessId);
    return this.db.transaction(async (m) => {
      const [user] = await queryRows<{ id: string }>(
        m,
        `INSERT INTO users (email, created_at, updated_at) VALUES ($1, $2, $2) ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email RETURNING id`,
        [email, this.clock.now()],
      );
      const [added] = await queryRows<MemberRow>(
        m,
        `INSERT INTO business_members (business_id, user_id, role, created_at) VALUES ($1, $2, 'member', $3)
         ON CONFLICT (business_id, user_id) DO NOTHING RETURNING user_id, $4::text AS email, role, created_at`,
        [businessId, user.id, this.clock.now(), email],
      );
      if (!added) throw new AlreadyAMember(`${email} is already on the team`);
      const [business] = await queryRows<{ name: string }>(m, `SELECT name FROM businesses WHERE id = $1`, [businessId]);
      const link = await this.magicLinks.issueLink(email, `/app/businesses/${businessId}`);
      await this.mailer.send(
        teamInviteEmail({ to: email, businessName: business.name, invitedBy: invitedBy.email, link: link.url, ttlMinutes: link.expiresInMinutes, signInUrl: `${this.config.appUrl}/sign-in` }),
      );
      return toView(added);
    });
  }

  /** Removes someone from the team; the last owner stays (a business always has one). */
  async remove(businessId: string, userId: string): Promise<void> {
    await this.db.transaction(async (m) => {
      // Locks the team: two owners removing each other cannot leave none.
      const rows = await queryRows<{ user_id: string; role: MemberRole }>(m, `SELECT user_id, role FROM business_members WHERE business_id = $1 FOR UPDATE`, [businessId]);
      const target = rows.find((r) => r.user_id === userId);
      if (!target) throw new MemberNotFound();
      if (target.role === 'owner' && rows.filter((r) => r.role === 'owner').length === 1) throw new LastOwner();
      await m.query(`DELETE FROM business_members WHERE business_id = $1 AND user_id = $2`, [businessId, userId]);
    });
    // Every instance forgets the cached role: the next request of that person is a 404.
    await this.authCache.invalidateMembership(businessId, userId);
  }
}

function toView(r: MemberRow): BusinessMemberView {
  return { userId: r.user_id, email: r.email, role: r.role, joinedAt: r.created_at.toISOString() };
}
