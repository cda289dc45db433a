import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { MemberRole, MembershipSummary } from '@beaker/contracts';

/** Who belongs to which business (business_members), for /v1/me and the business-route guard. */
@Injectable()
export class MembershipService {
  constructor(private readonly db: DataSource) {}

  /** The businesses a user belongs to, with their role in each, by name. */
  async rolesFor(userId: string): Promise<MembershipSummary[]> {
    const rows: { id: string; name: string; role: MemberRole }[] = await this.db.query(
      `SELECT b.id, b.name, m.role
         FROM business_members m JOIN businesses b ON b.id = m.business_id
        WHERE m.user_id = $1
        ORDER BY b.name, b.id`,
      [userId],
    );
    return rows.map((r) => ({ id: r.id, name: r.name, role: r.role }));
  }

  /** The user's role in the business, or null when not a member (or no such business). */
  async roleIn(businessId: string, userId: string): Promise<MemberRole | null> {
    const rows: { role: MemberRole }[] = await this.db.query(
      `SELECT role FROM business_members WHERE business_id = $1 AND user_id = $2`,
      [businessId, userId],
    );
    return rows[0]?.role ?? null;
  }
}
