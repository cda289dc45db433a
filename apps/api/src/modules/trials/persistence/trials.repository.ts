import { Injectable } from '@nestjs/common';
import { paginate, type PageQueryDto } from '../../../common/http/pagination';
import { Database, type Tx } from '../../../database/database';
import { MATCH, type MatchRank, type SearchTerms } from '../../../common/staff-search/search-terms';
import { Trial } from '../entities/trial.entity';

/** `trials`: prospects' trials, with their agent and their call count. */
@Injectable()
export class TrialsRepository {
  constructor(private readonly db: Database) {}

  /** One trial at a time per person and per phone number, until `tx` ends (two tabs racing for the last trial). */
  async lockPersonAndPhone(userId: string, phone: string, tx: Tx): Promise<void> {
    await this.db.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0)), pg_advisory_xact_lock(hashtextextended($2, 0))`, [
      `trials:user:${userId}`,
      `trials:phone:${phone}`,
    ], tx);
  }

  /**
   * The person's trials, and the trials of a phone number since `since` that count against it: those
   * whose phone was verified, and those still open (they may yet be verified). A trial that ended
   * unverified does not count: whoever typed a stranger's number must not block it for weeks.
   */
  async counts(userId: string, phone: string, since: Date, now: Date, tx?: Tx): Promise<{ userTrials: number; phoneTrials: number }> {
    const [row] = await this.db.query<{ userTrials: number; phoneTrials: number }>(
      `SELECT (SELECT count(*) FROM trials WHERE user_id = $1)::int AS "userTrials",
              (SELECT count(*) FROM trials WHERE phone_e164 = $2 AND created_at > $3
                  AND (phone_verified_at IS NOT NULL OR (expires_at > $4 AND status IN ('pending', 'active'))))::int AS "phoneTrials"`,
      [userId, phone, since, now],
      tx,
    );
    return row;
  }

  create(trial: Omit<Trial, 'id'>, tx?: Tx): Promise<Trial> {
    const repository = this.db.repository(Trial, tx);
    return repository.save(repository.create(trial));
  }

  /** The person's trials, newest first. */
  listForUser(userId: string, page: PageQueryDto) {
    return paginate(this.db.repository(Trial).createQueryBuilder('trial').where('trial.userId = :userId', { userId }), page);
  }

  findOwned(trialId: string, userId: string, tx?: Tx): Promise<Trial | null> {
    return this.db.repository(Trial, tx).findOne({ where: { id: trialId, userId } });
  }

  find(trialId: string, tx?: Tx): Promise<Trial | null> {
    return this.db.repository(Trial, tx).findOne({ where: { id: trialId } });
  }

  /** The trial of this person, locked until `tx` ends. */
  lockOwned(trialId: string, userId: string, tx: Tx): Promise<Trial | null> {
    return this.db.repository(Trial, tx).findOne({ where: { id: trialId, userId }, lock: { mode: 'pessimistic_write' } });
  }

  /**
   * Counts a call, if the trial may place one now (active, verified, with its agent, calls left,
   * not expired): the row's lock orders concurrent clicks. Answers where to call, or null.
   */
  countCall(trialId: string, userId: string, now: Date, tx: Tx): Promise<{ phone: string; assistantId: string } | null> {
    return this.db.one(
      `UPDATE trials SET calls_used = calls_used + 1, updated_at = $3
        WHERE id = $1 AND user_id = $2 AND calls_used < calls_limit AND status = 'active' AND expires_at > $3
          AND phone_verified_at IS NOT NULL AND vapi_assistant_id IS NOT NULL
        RETURNING phone_e164 AS "phone", vapi_assistant_id AS "assistantId"`,
      [trialId, userId, now],
      tx,
    );
  }

  /** Gives a counted call back; with `now`, the update time moves too. */
  async uncountCall(trialId: string, now: Date | null, tx?: Tx): Promise<void> {
    if (now) await this.db.execute(`UPDATE trials SET calls_used = calls_used - 1, updated_at = $2 WHERE id = $1 AND calls_used > 0`, [trialId, now], tx);
    else await this.db.execute(`UPDATE trials SET calls_used = calls_used - 1 WHERE id = $1`, [trialId], tx);
  }

  async markPhoneVerified(trialId: string, now: Date, tx: Tx): Promise<void> {
    await this.db.execute(`UPDATE trials SET phone_verified_at = COALESCE(phone_verified_at, $2), updated_at = $2 WHERE id = $1`, [trialId, now], tx);
  }

  /** Stores the trial's agent, unless it has one already (then false); a pending trial becomes active. */
  async attachAssistant(trialId: string, assistantId: string, configJson: string, now: Date): Promise<boolean> {
    const rows = await this.db.query(
      `UPDATE trials SET vapi_assistant_id = $2, assistant_config = $3::jsonb,
         status = CASE WHEN status = 'pending' THEN 'active' ELSE status END, updated_at = $4
       WHERE id = $1 AND vapi_assistant_id IS NULL RETURNING id`,
      [trialId, assistantId, configJson, now],
    );
    return rows.length > 0;
  }

  /** Pending or active trials past their end become expired; how many. */
  async expireDue(now: Date): Promise<number> {
    const rows = await this.db.query(`UPDATE trials SET status = 'expired', updated_at = $1 WHERE status IN ('pending', 'active') AND expires_at <= $1 RETURNING id`, [now]);
    return rows.length;
  }

  async markConverted(trialId: string, now: Date, tx?: Tx): Promise<void> {
    await this.db.execute(`UPDATE trials SET status = 'converted', updated_at = $2 WHERE id = $1 AND status <> 'converted'`, [trialId, now], tx);
  }

  /**
   * For each of these people who started a trial: their first trial's industry and start, the first
   * time one of their trials' phones was verified, and their trials' ids (staff's funnel).
   */
  trialProgressOf(userIds: readonly string[]): Promise<{ user_id: string; industry: string; started_at: Date; phone_verified_at: Date | null; trial_ids: string[] }[]> {
    if (userIds.length === 0) return Promise.resolve([]);
    return this.db.query(
      `SELECT user_id,
              (array_agg(industry ORDER BY created_at, id))[1] AS industry,
              min(created_at) AS started_at,
              min(phone_verified_at) AS phone_verified_at,
              array_agg(id) AS trial_ids
         FROM trials WHERE user_id = ANY($1::uuid[])
        GROUP BY user_id`,
      [userIds],
    );
  }

  /** Staff search: by id, or the prospect's phone (trials_phone_created_idx), newest first. */
  staffSearch(terms: SearchTerms): Promise<{ id: string; business_name: string; phone_e164: string; status: string; calls_used: number; calls_limit: number; created_at: Date; rank: MatchRank }[]> {
    if (!terms.uuid && !terms.phone) return Promise.resolve([]);
    return this.db.query(
      `SELECT id, business_name, phone_e164, status, calls_used, calls_limit, created_at, ${MATCH.exact} AS rank
         FROM trials WHERE ${terms.uuid ? 'id = $2::uuid' : 'phone_e164 = $2'}
        ORDER BY created_at DESC LIMIT $1`,
      [terms.limit, terms.uuid ?? terms.phone],
    );
  }
}
