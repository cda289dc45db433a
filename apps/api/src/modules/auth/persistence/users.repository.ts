import { Injectable } from '@nestjs/common';
import type { UserRole } from '@beaker/contracts';
import { paginate, type PageQueryDto } from '../../../common/http/pagination';
import { escapeLike, MATCH, type MatchRank, type SearchTerms } from '../../../common/staff-search/search-terms';
import { Database, type Tx } from '../../../database/database';
import { User } from '../entities/user.entity';

/** The domain a query names: `@example.com`, or text shaped like a domain (`example.com`); else null. */
function emailDomainOf(text: string): string | null {
  if (text.startsWith('@')) return text.length > 1 && !text.slice(1).includes('@') ? text.slice(1) : null;
  return /^[a-z0-9-]+(\.[a-z0-9-]+)*\.[a-z]{2,}$/.test(text) ? text : null;
}

export interface UserRow {
  id: string;
  email: string;
  role: UserRole;
  last_sign_in_at: Date | null;
  suspended_at: Date | null;
  suspension_reason: string | null;
  created_at: Date;
  updated_at: Date;
}

export const USER_COLUMNS = `id, email, role, last_sign_in_at, suspended_at, suspension_reason, created_at, updated_at`;

export function userFromRow(row: UserRow): User {
  return {
    id: row.id,
    email: row.email,
    role: row.role,
    lastSignInAt: row.last_sign_in_at,
    suspendedAt: row.suspended_at,
    suspensionReason: row.suspension_reason,
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

  /** The whole user (staff's page). */
  async findFull(userId: string): Promise<User | null> {
    const row = await this.db.one<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1`, [userId]);
    return row ? userFromRow(row) : null;
  }

  /** The user, locked until `tx` ends (a suspension reads and changes it in one transaction). */
  async lock(userId: string, tx: Tx): Promise<User | null> {
    const row = await this.db.one<UserRow>(`SELECT ${USER_COLUMNS} FROM users WHERE id = $1 FOR UPDATE`, [userId], tx);
    return row ? userFromRow(row) : null;
  }

  /** Sets (a time and a reason) or lifts (nulls) a suspension. */
  async setSuspension(userId: string, suspension: { at: Date; reason: string } | null, now: Date, tx: Tx): Promise<void> {
    await this.db.execute(`UPDATE users SET suspended_at = $2, suspension_reason = $3, updated_at = $4 WHERE id = $1`, [userId, suspension?.at ?? null, suspension?.reason ?? null, now], tx);
  }

  /**
   * Staff search: by id; by the whole email or its start (users_email_pattern_idx); by an email
   * domain, whole or its start (`@example.com`, `example.com`: users_email_domain_idx); from 3
   * characters, by a part of the email's local part (users_email_local_trgm_idx). Each branch is
   * one index scan with a limit.
   */
  async staffSearch(terms: SearchTerms): Promise<(UserRow & { rank: MatchRank })[]> {
    const branches: string[] = [];
    const params: unknown[] = [terms.limit];
    const bind = (value: unknown) => {
      params.push(value);
      return `$${params.length}`;
    };
    const cols = `${USER_COLUMNS}`;
    if (terms.uuid) branches.push(`(SELECT ${cols}, ${MATCH.exact} AS rank FROM users WHERE id = ${bind(terms.uuid)}::uuid LIMIT $1)`);
    if (!terms.uuid && !terms.phone) {
      const exact = bind(terms.lower);
      const prefix = bind(`${escapeLike(terms.lower)}%`);
      branches.push(
        `(SELECT ${cols}, CASE WHEN email = ${exact} THEN ${MATCH.exact} ELSE ${MATCH.prefix} END AS rank
            FROM users WHERE email LIKE ${prefix} ESCAPE '\\' ORDER BY email USING ~<~ LIMIT $1)`,
      );
      const domain = emailDomainOf(terms.lower);
      if (domain) {
        branches.push(
          `(SELECT ${cols}, ${MATCH.prefix} AS rank FROM users
             WHERE split_part(email, '@', 2) LIKE ${bind(`${escapeLike(domain)}%`)} ESCAPE '\\' ORDER BY split_part(email, '@', 2) USING ~<~ LIMIT $1)`,
        );
      }
      if (terms.partial && !terms.lower.includes('@')) {
        branches.push(
          `(SELECT ${cols}, ${MATCH.partial} AS rank FROM users
             WHERE split_part(email, '@', 1) LIKE ${bind(`%${escapeLike(terms.lower)}%`)} ESCAPE '\\' AND email NOT LIKE ${prefix} ESCAPE '\\' LIMIT $1)`,
        );
      }
    }
    if (branches.length === 0) return [];
    return this.db.query(branches.join(' UNION ALL '), params);
  }

  /** People (not staff) whose account was created in [from, to), oldest first: the funnel's signups. */
  signupsBetween(from: Date, to: Date): Promise<{ id: string; created_at: Date }[]> {
    return this.db.query(`SELECT id, created_at FROM users WHERE created_at >= $1 AND created_at < $2 AND role = 'user' ORDER BY created_at, id`, [from, to]);
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
