import { Injectable } from '@nestjs/common';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { MemberRole, MembershipSummary } from '@beaker/contracts';
import { AuthCache } from './auth-cache';

/** Who belongs to which business (business_members), for /v1/me and the business-route guard. */
@Injectable()
export class MembershipService {
  private readonly pool: Pool;

  constructor(
    db: DataSource,
    private readonly cache: AuthCache,
  ) {
    // Straight to pg: both queries run on most requests (named statements, planned once per connection).
    this.pool = (db.driver as unknown as { master: Pool }).master;
  }

  /** The businesses a user belongs to, with their role in each, by name. */
  async rolesFor(userId: string): Promise<MembershipSummary[]> {
    const { rows } = await this.pool.query<MembershipSummary>({
      name: 'auth-memberships-of-user',
      text: `SELECT b.id, b.name, m.role
               FROM business_members m JOIN businesses b ON b.id = m.business_id
              WHERE m.user_id = $1
              ORDER BY b.name, b.id`,
      values: [userId],
    });
    return rows;
  }

  /**
   * The user's role in the business, or null when not a member (or no such business). Asked on
   * every business route: a role is cached for a few seconds (AuthCache); whoever changes or
   * removes a membership calls `AuthCache.invalidateMembership` after the commit.
   */
  async roleIn(businessId: string, userId: string): Promise<MemberRole | null> {
    const cached = this.cache.cachedRole(businessId, userId);
    if (cached) return cached;
    return this.cache.loadRole(businessId, userId, async () => {
      const { rows } = await this.pool.query<{ role: MemberRole }>({
        name: 'auth-member-role',
        text: `SELECT role FROM business_members WHERE business_id = $1 AND user_id = $2`,
        values: [businessId, userId],
      });
      return rows[0]?.role ?? null;
    });
  }
}
