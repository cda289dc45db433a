import { Injectable } from '@nestjs/common';
import type { BusinessMemberView, MemberRole, MembershipSummary } from '@beaker/contracts';
import { Clock } from '../../common/clock';
import { Database, type Tx } from '../../database/database';
import { AuthCache } from './auth-cache';
import { MemberBusinessesReadModel } from './persistence/member-businesses.read-model';
import { MemberRow, MembershipsRepository } from './persistence/memberships.repository';

/** At most this many members are listed (a team, not a directory). */
const MAX_TEAM_LIST = 200;

export type MemberRemoval = 'removed' | 'not_a_member' | 'last_owner';

function toView(r: MemberRow): BusinessMemberView {
  return { userId: r.user_id, email: r.email, role: r.role, joinedAt: r.created_at.toISOString() };
}

/**
 * Who belongs to which business (`business_members`): for /v1/me, the business-route guard, and
 * the businesses module, which adds and removes people through here. Changes invalidate the
 * roles AuthCache keeps.
 */
@Injectable()
export class MembershipService {
  constructor(
    private readonly db: Database,
    private readonly memberships: MembershipsRepository,
    private readonly memberBusinesses: MemberBusinessesReadModel,
    private readonly cache: AuthCache,
    private readonly clock: Clock,
  ) {}

  /** The businesses a user belongs to, with their role in each, by name. */
  rolesFor(userId: string): Promise<MembershipSummary[]> {
    return this.memberBusinesses.forUser(userId);
  }

  /**
   * The user's role in the business, or null when not a member (or no such business). Asked on
   * every business route: a role is cached for a few seconds (AuthCache), and dropped on every
   * instance when it changes here.
   */
  async roleIn(businessId: string, userId: string): Promise<MemberRole | null> {
    const cached = this.cache.cachedRole(businessId, userId);
    if (cached) return cached;
    return this.cache.loadRole(businessId, userId, () => this.memberships.roleIn(businessId, userId));
  }

  /** The team: owners first, then by when they joined. */
  async listMembers(businessId: string): Promise<BusinessMemberView[]> {
    return (await this.memberships.listMembers(businessId, MAX_TEAM_LIST)).map(toView);
  }

  /** Adds a person to a business; null when they already belong to it (their role unchanged). Pass `tx` to join a transaction. */
  async addMember(businessId: string, user: { id: string; email: string }, role: MemberRole, tx?: Tx): Promise<BusinessMemberView | null> {
    const added = await this.memberships.add(businessId, user.id, user.email, role, this.clock.now(), tx);
    return added ? toView(added) : null;
  }

  /** Removes someone from a business, unless they are its last owner (a business always has one). */
  async removeMember(businessId: string, userId: string): Promise<MemberRemoval> {
    const outcome = await this.db.transaction(async (tx): Promise<MemberRemoval> => {
      const team = await this.memberships.lockTeam(businessId, tx);
      const target = team.find((r) => r.user_id === userId);
      if (!target) return 'not_a_member';
      if (target.role === 'owner' && team.filter((r) => r.role === 'owner').length === 1) return 'last_owner';
      await this.memberships.remove(businessId, userId, tx);
      return 'removed';
    });
    // Every instance forgets the cached role: the next request of that person is a 404.
    if (outcome === 'removed') await this.cache.invalidateMembership(businessId, userId);
    return outcome;
  }

  /** How many businesses the user owns. */
  countOwnedBy(userId: string): Promise<number> {
    return this.memberships.countOwnedBy(userId);
  }

  /** The email addresses of a business's owners (and, with 'member', its members); never a suspended user's. */
  emailsOf(businessId: string, roles: MemberRole[] = ['owner'], tx?: Tx): Promise<string[]> {
    return this.memberships.emailsOf(businessId, roles, tx);
  }
}
