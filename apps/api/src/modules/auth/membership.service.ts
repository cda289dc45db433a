import { Injectable } from '@nestjs/common';
import type { BusinessMemberView, MemberRole, MembershipSummary, Page } from '@beaker/contracts';
import { Clock } from '../../common/clock';
import { InvalidCursor } from '../../common/errors/common.errors';
import { DEFAULT_PAGE_SIZE, type PageQueryDto } from '../../common/http/pagination';
import { Database, type Tx } from '../../database/database';
import { AuthCache } from './auth-cache';
import { MemberBusinessesReadModel } from './persistence/member-businesses.read-model';
import { type MemberPosition, MemberRow, MembershipsRepository } from './persistence/memberships.repository';

/** At most this many members are read at once by the services that need the whole team (a team, not a directory); the team route pages. */
const MAX_TEAM_LIST = 200;

export type MemberRemoval = 'removed' | 'not_a_member' | 'last_owner';

function encodeMemberCursor(position: MemberPosition): string {
  return Buffer.from(JSON.stringify([position.rank, position.at, position.userId])).toString('base64url');
}

function decodeMemberCursor(cursor: string): MemberPosition {
  try {
    const [rank, at, userId] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown, unknown];
    if ((rank !== 0 && rank !== 1) || typeof at !== 'string' || Number.isNaN(Date.parse(at)) || typeof userId !== 'string' || !/^[0-9a-f-]{36}$/i.test(userId)) {
      throw new Error('bad cursor');
    }
    return { rank, at, userId };
  } catch {
    throw new InvalidCursor();
  }
}

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

  /** The team a page at a time (GET /v1/businesses/:id/members): owners first, then by when they joined. */
  async pageMembers(businessId: string, query: PageQueryDto): Promise<Page<BusinessMemberView>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const rows = await this.memberships.pageMembers(businessId, query.cursor ? decodeMemberCursor(query.cursor) : null, limit + 1);
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    const nextCursor = rows.length > limit && last ? encodeMemberCursor({ rank: last.rank, at: last.cursor_at, userId: last.user_id }) : null;
    return { items: items.map(toView), nextCursor };
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
