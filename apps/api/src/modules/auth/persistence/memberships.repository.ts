import { Injectable } from '@nestjs/common';
import type { MemberRole } from '@beaker/contracts';
import { Database, type Tx } from '../../../database/database';

/** A place in the team's order (owners first, then join time, then user id): what a page's cursor holds. */
export interface MemberPosition {
  rank: number;
  at: string;
  userId: string;
}

export interface MemberRow {
  user_id: string;
  email: string;
  role: MemberRole;
  created_at: Date;
}

/** `business_members`: who belongs to which business, and as what. The guard asks on most business routes: prepared statements. */
@Injectable()
export class MembershipsRepository {
  constructor(private readonly db: Database) {}

  async roleIn(businessId: string, userId: string): Promise<MemberRole | null> {
    const { rows } = await this.db.prepared<{ role: MemberRole }>(
      'auth-member-role',
      `SELECT role FROM business_members WHERE business_id = $1 AND user_id = $2`,
      [businessId, userId],
    );
    return rows[0]?.role ?? null;
  }

  /** Owners first, then by joining date and email. */
  listMembers(businessId: string, limit: number): Promise<MemberRow[]> {
    return this.db.query<MemberRow>(
      `SELECT m.user_id, u.email, m.role, m.created_at FROM business_members m JOIN users u ON u.id = m.user_id
        WHERE m.business_id = $1 ORDER BY (m.role = 'owner') DESC, m.created_at, u.email LIMIT ${Number(limit)}`,
      [businessId],
    );
  }

  /**
   * One page of the team in its order — owners first, then by when they joined, then by user id —
   * after `after` (a position in that order); `cursor_at` is the join time to the microsecond.
   */
  pageMembers(businessId: string, after: MemberPosition | null, limit: number): Promise<(MemberRow & { rank: number; cursor_at: string })[]> {
    return this.db.query(
      `SELECT m.user_id, u.email, m.role, m.created_at, CASE WHEN m.role = 'owner' THEN 0 ELSE 1 END AS rank,
              to_char(m.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at
         FROM business_members m JOIN users u ON u.id = m.user_id
        WHERE m.business_id = $1
          AND ($2::int IS NULL OR (CASE WHEN m.role = 'owner' THEN 0 ELSE 1 END, m.created_at, m.user_id) > ($2::int, $3::timestamptz, $4::uuid))
        ORDER BY rank, m.created_at, m.user_id
        LIMIT $5`,
      [businessId, after?.rank ?? null, after?.at ?? null, after?.userId ?? null, limit],
    );
  }

  /** Adds the user with this role; null when they already belong to the business (their role is left as it is). */
  add(businessId: string, userId: string, email: string, role: MemberRole, now: Date, tx?: Tx): Promise<MemberRow | null> {
    return this.db.one<MemberRow>(
      `INSERT INTO business_members (business_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)
       ON CONFLICT (business_id, user_id) DO NOTHING RETURNING user_id, $5::text AS email, role, created_at`,
      [businessId, userId, role, now, email],
      tx,
    );
  }

  /** Every member's role, locked until `tx` ends (two owners removing each other cannot leave none). */
  lockTeam(businessId: string, tx: Tx): Promise<{ user_id: string; role: MemberRole }[]> {
    return this.db.query(`SELECT user_id, role FROM business_members WHERE business_id = $1 FOR UPDATE`, [businessId], tx);
  }

  async remove(businessId: string, userId: string, tx: Tx): Promise<void> {
    await this.db.execute(`DELETE FROM business_members WHERE business_id = $1 AND user_id = $2`, [businessId, userId], tx);
  }

  async countOwnedBy(userId: string): Promise<number> {
    const row = await this.db.one<{ owned: number }>(`SELECT count(*)::int AS owned FROM business_members WHERE user_id = $1 AND role = 'owner'`, [userId]);
    return row?.owned ?? 0;
  }

  /** The emails of a business's members with one of these roles, suspended users left out. */
  async emailsOf(businessId: string, roles: MemberRole[], tx?: Tx): Promise<string[]> {
    const rows = await this.db.query<{ email: string }>(
      `SELECT u.email FROM business_members m JOIN users u ON u.id = m.user_id
        WHERE m.business_id = $1 AND m.role = ANY($2::text[]) AND u.suspended_at IS NULL ORDER BY u.email`,
      [businessId, roles],
      tx,
    );
    return rows.map((r) => r.email);
  }
}
