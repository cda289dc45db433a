import { Injectable } from '@nestjs/common';
import type { UserRole } from '@beaker/contracts';
import { paginate, type PageQueryDto } from '../../../common/http/pagination';
import { Database, type Tx } from '../../../database/database';
import { User } from '../entities/user.entity';

interface UserRow {
  id: string;
  email: string;
  role: UserRole;
  last_sign_in_at: Date | null;
  suspended_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export const USER_COLUMNS = `id, email, role, last_sign_in_at, suspended_at, created_at, updated_at`;

export function userFromRow(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    lastSignInAt: row.last_sign_in_at,
    suspendedAt: row.suspended_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

/** `users`: people, by normalized email. */
@Injectable()
export class UsersRepository {
  constructor(private readonly db: Database) {}

  /** Admins whose email is not among `adminEmails` become users; returns their emails. */
  async demoteAdminsNotIn(adminEmails: readonly string[], now: Date): Promise<string[]> {
    const rows = await this.db.query<{ email: string }>(
      `UPDATE users SET role = 'user', updated_at = $2 WHERE role = 'admin' AND NOT (email = ANY($1::text[])) RETURNING email`,
      [adminEmails, now],
    );
    return rows.map((r) => r.email);
  }

  /** The user of an email, created if new; the sign-in time recorded; the role as ADMIN_EMAILS says (an admin no longer listed becomes a user). */
  async signIn(email: string, admin: boolean, now: Date, tx: Tx): Promise<User> {
    const [row] = await this.db.query<UserRow>(
      `INSERT INTO users (email, role, last_sign_in_at, created_at, updated_at) VALUES ($1, $2, $3, $3, $3)
       ON CONFLICT (email) DO UPDATE
         SET last_sign_in_at = EXCLUDED.last_sign_in_at,
             role = CASE WHEN $4::boolean THEN 'admin' WHEN users.role = 'admin' THEN 'user' ELSE users.role END,
             updated_at = EXCLUDED.updated_at
       RETURNING ${USER_COLUMNS}`,
      [email, admin ? 'admin' : 'user', now, admin],
      tx,
    );
    return userFromRow(row);
  }

  /** The id of the user with this email, created (without signing in) if there is none. */
  async ensure(email: string, now: Date, tx?: Tx): Promise<string> {
    const [row] = await this.db.query<{ id: string }>(
      `INSERT INTO users (email, created_at, updated_at) VALUES ($1, $2, $2) ON CONFLICT (email) DO UPDATE SET email = EXCLUDED.email RETURNING id`,
      [email, now],
      tx,
    );
    return row.id;
  }

  findByEmail(email: string, tx?: Tx): Promise<{ id: string; email: string } | null> {
    return this.db.one<{ id: string; email: string }>(`SELECT id, email FROM users WHERE email = $1`, [email], tx);
  }

  find(userId: string, tx?: Tx): Promise<{ id: string; email: string } | null> {
    return this.db.one<{ id: string; email: string }>(`SELECT id, email FROM users WHERE id = $1`, [userId], tx);
  }

  /** Users whose email contains `term` (any case), newest first. */
  search(term: string | undefined, page: PageQueryDto) {
    const qb = this.db.repository(User).createQueryBuilder('u');
    if (term) {
      // Escape LIKE's wildcards: the query is text to find, not a pattern.
      qb.where(`u.email LIKE :pattern ESCAPE '\\'`, { pattern: `%${term.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    }
    return paginate(qb, page);
  }
}
