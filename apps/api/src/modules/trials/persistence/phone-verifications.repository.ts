import { Injectable } from '@nestjs/common';
import { Database, type Tx } from '../../../database/database';

export interface VerificationRow {
  id: string;
  codeHash: string;
  attempts: number;
  sentAt: Date;
  expiresAt: Date;
  verifiedAt: Date | null;
  lockedAt: Date | null;
}

const COLUMNS = `id, code_hash AS "codeHash", attempts, sent_at AS "sentAt", expires_at AS "expiresAt", verified_at AS "verifiedAt", locked_at AS "lockedAt"`;

/** `phone_verifications`: the SMS codes sent to trial phones (only an HMAC of each code). */
@Injectable()
export class PhoneVerificationsRepository {
  constructor(private readonly db: Database) {}

  /** One verification change per trial at a time, until `tx` ends (two quick clicks on "Send code": one text). */
  async lockTrial(trialId: string, tx: Tx): Promise<void> {
    await this.db.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`trials:verification:${trialId}`], tx);
  }

  latest(trialId: string, tx?: Tx): Promise<VerificationRow | null> {
    return this.db.one<VerificationRow>(`SELECT ${COLUMNS} FROM phone_verifications WHERE trial_id = $1 ORDER BY sent_at DESC, created_at DESC LIMIT 1`, [trialId], tx);
  }

  async create(v: { id: string; trialId: string; phone: string; codeHash: string; sentAt: Date; expiresAt: Date }, tx: Tx): Promise<void> {
    await this.db.execute(
      `INSERT INTO phone_verifications (id, trial_id, phone_e164, code_hash, sent_at, expires_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $5)`,
      [v.id, v.trialId, v.phone, v.codeHash, v.sentAt, v.expiresAt],
      tx,
    );
  }

  async delete(id: string): Promise<void> {
    await this.db.execute(`DELETE FROM phone_verifications WHERE id = $1`, [id]);
  }

  /** Takes one try, atomically (concurrent guesses cannot exceed the limit); the tries taken so far, or null when none is left. */
  async takeAttempt(id: string, maxAttempts: number): Promise<number | null> {
    const row = await this.db.one<{ attempts: number }>(
      `UPDATE phone_verifications SET attempts = attempts + 1 WHERE id = $1 AND attempts < $2 AND verified_at IS NULL RETURNING attempts`,
      [id, maxAttempts],
    );
    return row?.attempts ?? null;
  }

  async lock(id: string, now: Date): Promise<void> {
    await this.db.execute(`UPDATE phone_verifications SET locked_at = COALESCE(locked_at, $2) WHERE id = $1`, [id, now]);
  }

  async markVerified(id: string, now: Date, tx: Tx): Promise<void> {
    await this.db.execute(`UPDATE phone_verifications SET verified_at = $2 WHERE id = $1`, [id, now], tx);
  }

  /** Deletes up to `limit` codes (verified or not) that expired before `before` (retention). */
  deleteExpiredBefore(before: Date, limit: number): Promise<number> {
    return this.db.execute(`DELETE FROM phone_verifications WHERE id IN (SELECT id FROM phone_verifications WHERE expires_at < $1 LIMIT $2)`, [before, limit]);
  }
}
