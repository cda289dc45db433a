import { Injectable } from '@nestjs/common';
import type { MembershipSummary } from '@beaker/contracts';
import { Database } from '../../../database/database';
import { ReadModel } from '../../../database/read-model';

/**
 * Read model: the businesses a user belongs to, with their names (for /v1/me). Reads the
 * businesses module's `businesses` beside our `business_members`, in one indexed join.
 */
@ReadModel({ reads: ['business_members', 'businesses'] })
@Injectable()
export class MemberBusinessesReadModel {
  constructor(private readonly db: Database) {}

  async forUser(userId: string): Promise<MembershipSummary[]> {
    const { rows } = await this.db.prepared<MembershipSummary>(
      'auth-memberships-of-user',
      `SELECT b.id, b.name, m.role
         FROM business_members m JOIN businesses b ON b.id = m.business_id
        WHERE m.user_id = $1
        ORDER BY b.name, b.id`,
      [userId],
    );
    return rows;
  }
}
