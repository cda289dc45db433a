import { Injectable } from '@nestjs/common';
import type { BusinessMemberView, Page } from '@beaker/contracts';
import type { PageQueryDto } from '../../../common/http/pagination';
import { IdempotencyService } from '../../../common/idempotency/idempotency.service';
import { Mailer } from '../../../common/mail/mailer';
import { RateLimiter, RateLimitRule } from '../../../common/rate-limit/rate-limiter';
import { AppConfig } from '../../../config/app-config';
import { MagicLinksService, MembershipService, normalizeEmail, type User, UsersService } from '../../auth';
import { AlreadyAMember, LastOwner, MemberNotFound } from '../businesses.errors';
import { BusinessesRepository } from '../persistence/businesses.repository';
import { teamInviteEmail } from './team-invite.email';

/** Invitations send email to addresses the owner types: bounded per business. */
export const TEAM_INVITES_PER_BUSINESS: RateLimitRule = { name: 'team-invite', limit: 20, windowSeconds: 3600, failClosed: true };

/** The people of a business: owners add members by email (they get a sign-in link) and remove them. */
@Injectable()
export class TeamService {
  constructor(
    private readonly businesses: BusinessesRepository,
    private readonly users: UsersService,
    private readonly membership: MembershipService,
    private readonly config: AppConfig,
    private readonly mailer: Mailer,
    private readonly rateLimiter: RateLimiter,
    private readonly magicLinks: MagicLinksService,
    private readonly idempotency: IdempotencyService,
  ) {}

  list(businessId: string, query: PageQueryDto): Promise<Page<BusinessMemberView>> {
    return this.membership.pageMembers(businessId, query);
  }

  /**
   * Adds the person as a member (their account is created if they have none) and emails a sign-in
   * link to the dashboard. All or nothing: if the email cannot be sent, they are not added.
   */
  /**
   * Adds someone and emails them a sign-in link. With an Idempotency-Key (the inviter's), a retry
   * of the same request answers the same member for 24 hours: nobody is added or emailed twice, and
   * a replay does not count against the invitation limit.
   */
  async invite(businessId: string, invitedBy: User, rawEmail: string, idempotencyKey?: string): Promise<{ member: BusinessMemberView; replayed: boolean }> {
    const email = normalizeEmail(rawEmail);
    const request = { method: 'POST', path: 'members', businessId, body: { email } };
    const answer = await this.idempotency.run(`user:${invitedBy.id}`, idempotencyKey, request, 201, async (tx) => {
      await this.rateLimiter.consume(TEAM_INVITES_PER_BUSINESS, businessId);
      const userId = await this.users.ensure(email, tx);
      const added = await this.membership.addMember(businessId, { id: userId, email }, 'member', tx);
      if (!added) throw new AlreadyAMember(`${email} is already on the team`);
      const businessName = (await this.businesses.nameOf(businessId, tx))!;
      const link = await this.magicLinks.issueLink(email, `/app/businesses/${businessId}`);
      await this.mailer.send(
        teamInviteEmail({ to: email, businessName, invitedBy: invitedBy.email, link: link.url, ttlMinutes: link.expiresInMinutes, signInUrl: `${this.config.appUrl}/sign-in` }),
      );
      return added;
    });
    return { member: answer.body, replayed: answer.replayed };
  }

  /** Removes someone from the team; the last owner stays (a business always has one). */
  async remove(businessId: string, userId: string): Promise<void> {
    const outcome = await this.membership.removeMember(businessId, userId);
    if (outcome === 'not_a_member') throw new MemberNotFound();
    if (outcome === 'last_owner') throw new LastOwner();
  }
}
