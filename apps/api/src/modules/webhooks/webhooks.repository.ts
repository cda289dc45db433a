import { Injectable } from '@nestjs/common';
import { PROVIDERS, type Provider, type WebhookAttemptOutcome, type WebhookAttemptTrigger } from '@beaker/contracts';
import { paginate } from '../../common/http/pagination';
import { Database, type Tx } from '../../database/database';
import { MATCH, type MatchRank, type SearchTerms } from '../../common/staff-search/search-terms';
import type { WebhookEventQueryDto } from './dto/webhook-event.dto';
import { WebhookEvent } from './entities/webhook-event.entity';
import { WebhookEventAttempt } from './entities/webhook-event-attempt.entity';

/** A row to insert (payload as JSON text, parsed by Postgres). */
export interface WebhookEventInsert {
  provider: Provider;
  eventId: string;
  eventType: string;
  payloadJson: string;
  status: 'pending' | 'failed';
  lastError?: string;
  receivedAt: Date;
}

export interface InsertedWebhookEvent {
  id: string;
  provider: string;
  event_id: string;
  status: string;
}

export interface ClaimedWebhookEvent {
  id: string;
  provider: Provider;
  event_id: string;
  event_type: string;
  payload: unknown;
  received_at: Date;
  attempts: number;
  prior_status: string;
  prior_updated_at: Date;
}

export interface WebhookAttemptRecord {
  eventId: string;
  attempt: number;
  trigger: WebhookAttemptTrigger;
  outcome: WebhookAttemptOutcome;
  error: string | null;
  startedAt: Date;
  finishedAt: Date;
}

const INSERT_EVENTS = `
  INSERT INTO webhook_events (provider, event_id, event_type, payload, status, last_error, received_at, updated_at)
  SELECT x.provider, x.event_id, x.event_type, p.payload, x.status, x.last_error, x.received_at, x.received_at
  FROM unnest($1::text[], $2::text[], $3::text[], $5::text[], $6::text[], $7::timestamptz[]) WITH ORDINALITY
    AS x(provider, event_id, event_type, status, last_error, received_at, n)
  JOIN jsonb_array_elements($4::jsonb) WITH ORDINALITY AS p(payload, n) USING (n)
  ON CONFLICT (provider, event_id) DO NOTHING
  RETURNING id, provider, event_id, status`;

/** `webhook_events` and their `webhook_event_attempts`. */
@Injectable()
export class WebhooksRepository {
  constructor(private readonly db: Database) {}

  /**
   * Many rows in one statement (a prepared one: this is the product's hottest path): rows of
   * concurrent deliveries share one multi-row INSERT … ON CONFLICT DO NOTHING. Answers the rows it
   * inserted (a duplicate of a stored event inserts none).
   */
  async insertMany(rows: WebhookEventInsert[]): Promise<InsertedWebhookEvent[]> {
    const { rows: inserted } = await this.db.prepared<InsertedWebhookEvent>('webhook-events-insert', INSERT_EVENTS, [
      rows.map((r) => r.provider),
      rows.map((r) => r.eventId),
      rows.map((r) => r.eventType),
      // The payloads as one JSON array, joined as text: no per-payload escaping on our side.
      `[${rows.map((r) => r.payloadJson).join(',')}]`,
      rows.map((r) => r.status),
      rows.map((r) => r.lastError ?? null),
      rows.map((r) => r.receivedAt.toISOString()),
    ]);
    return inserted;
  }

  /**
   * A session advisory lock on the event, on the connection `tx` holds: "a live process is on it".
   * A process that dies loses its connection, and the lock with it.
   */
  async tryLock(id: string, tx: Tx): Promise<boolean> {
    const [row] = await this.db.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(hashtextextended($1, 7)) AS locked`, [`webhook-event:${id}`], tx);
    return row.locked === true;
  }

  async unlock(id: string, tx: Tx): Promise<void> {
    await this.db.query(`SELECT pg_advisory_unlock(hashtextextended($1, 7))`, [`webhook-event:${id}`], tx);
  }

  /**
   * Claims an event for an attempt (status processing, attempts + 1): from pending, or from
   * processing left by a process that died (the caller holds the lock); a replay takes any status.
   */
  claim(id: string, now: Date, anyStatus: boolean, tx: Tx): Promise<ClaimedWebhookEvent | null> {
    return this.db.one<ClaimedWebhookEvent>(
      `WITH prior AS (SELECT status, updated_at FROM webhook_events WHERE id = $1)
       UPDATE webhook_events e SET status = 'processing', attempts = e.attempts + 1, updated_at = $2
       FROM prior
       WHERE e.id = $1 AND (e.status IN ('pending', 'processing') OR $3::boolean)
       RETURNING e.id, e.provider, e.event_id, e.event_type, e.payload, e.received_at, e.attempts,
                 prior.status AS prior_status, prior.updated_at AS prior_updated_at`,
      [id, now, anyStatus],
      tx,
    );
  }

  async finish(id: string, outcome: 'completed' | 'ignored', now: Date, tx: Tx): Promise<void> {
    await this.db.execute(`UPDATE webhook_events SET status = $2, processed_at = $3, last_error = NULL, updated_at = $3 WHERE id = $1`, [id, outcome, now], tx);
  }

  /** Retention: clears the payload of up to `limit` events processed (completed or ignored) before `before`; the row stays. */
  clearPayloadsProcessedBefore(before: Date, limit: number): Promise<number> {
    return this.db.execute(
      `UPDATE webhook_events SET payload = NULL WHERE id IN (
         SELECT id FROM webhook_events WHERE payload IS NOT NULL AND status IN ('completed', 'ignored') AND processed_at < $1 LIMIT $2)`,
      [before, limit],
    );
  }

  /** Retention: deletes up to `limit` finished events (completed, ignored, failed) received before `before`, their attempts with them. */
  deleteFinishedReceivedBefore(before: Date, limit: number): Promise<number> {
    return this.db.execute(
      `DELETE FROM webhook_events WHERE id IN (
         SELECT id FROM webhook_events WHERE received_at < $1 AND status IN ('completed', 'ignored', 'failed') LIMIT $2)`,
      [before, limit],
    );
  }

  async fail(id: string, status: 'failed' | 'pending', error: string, now: Date, tx: Tx): Promise<void> {
    await this.db.execute(`UPDATE webhook_events SET status = $2, last_error = $3, updated_at = $4 WHERE id = $1`, [id, status, error, now], tx);
  }

  async recordAttempt(a: WebhookAttemptRecord, tx: Tx): Promise<void> {
    await this.db.execute(
      `INSERT INTO webhook_event_attempts (webhook_event_id, attempt, trigger, outcome, error, started_at, finished_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [a.eventId, Math.max(1, a.attempt), a.trigger, a.outcome, a.error, a.startedAt, a.finishedAt],
      tx,
    );
  }

  /** Per provider, how long the oldest event not yet processed (pending or processing) has waited (metrics). */
  oldestUnprocessed(now: Date): Promise<{ provider: Provider; age_seconds: number }[]> {
    return this.db.query(
      `SELECT provider, GREATEST(0, EXTRACT(EPOCH FROM ($1::timestamptz - min(received_at))))::float8 AS age_seconds
       FROM webhook_events WHERE status IN ('pending', 'processing') GROUP BY provider`,
      [now],
    );
  }

  /**
   * Events pending since before `pendingBefore`, or processing since before `processingBefore` with
   * no one holding their lock (the dispatcher's session advisory lock, which Postgres releases when
   * the connection of a dead process goes), after a keyset position. The lock is tried for the
   * length of this statement only (a transaction-level lock; CASE keeps it to the rows that need it).
   */
  findStranded(pendingBefore: Date, processingBefore: Date, after: { at: Date; id: string }, limit: number): Promise<{ id: string; received_at: Date }[]> {
    return this.db.query(
      `SELECT id, received_at FROM webhook_events
       WHERE status IN ('pending', 'processing')
         AND CASE
               WHEN status = 'pending' THEN received_at < $1
               WHEN updated_at < $2 THEN pg_try_advisory_xact_lock(hashtextextended('webhook-event:' || id::text, 7))
               ELSE false
             END
         AND (received_at, id) > ($3, $4)
       ORDER BY received_at, id
       LIMIT ${Number(limit)}`,
      [pendingBefore, processingBefore, after.at, after.id],
    );
  }

  /** Staff's list, newest first, with the inspector's filters. */
  list(query: WebhookEventQueryDto) {
    const qb = this.db
      .repository(WebhookEvent)
      .createQueryBuilder('e')
      .select(['e.id', 'e.provider', 'e.eventId', 'e.eventType', 'e.status', 'e.attempts', 'e.lastError', 'e.receivedAt', 'e.processedAt']);
    if (query.provider) qb.andWhere('e.provider = :provider', { provider: query.provider });
    if (query.type) qb.andWhere('e.eventType = :type', { type: query.type });
    if (query.status) qb.andWhere('e.status = :status', { status: query.status });
    if (query.from) qb.andWhere('e.receivedAt >= :from', { from: new Date(query.from) });
    if (query.to) qb.andWhere('e.receivedAt < :to', { to: new Date(query.to) });
    return paginate(qb, query, 'receivedAt');
  }

  find(id: string): Promise<WebhookEvent | null> {
    return this.db.repository(WebhookEvent).findOne({ where: { id } });
  }

  attemptsOf(id: string): Promise<WebhookEventAttempt[]> {
    return this.db.repository(WebhookEventAttempt).find({ where: { webhookEventId: id }, order: { startedAt: 'ASC', attempt: 'ASC' } });
  }

  /**
   * Staff search: by id, or the provider's event id. (provider, event_id) is the unique key: naming
   * every provider lets one index answer (three probes) without an index of its own on event_id.
   */
  staffSearch(terms: SearchTerms): Promise<{ id: string; provider: Provider; event_id: string; event_type: string; status: string; received_at: Date; rank: MatchRank }[]> {
    const cols = `id, provider, event_id, event_type, status, received_at, ${MATCH.exact} AS rank`;
    // Providers' event ids are long tokens (`evt_…`, `CA…:completed:3`, `<call id>:end-of-call-report`): no spaces.
    if (!terms.uuid && (terms.phone || terms.raw.length < 8 || /\s/.test(terms.raw))) return Promise.resolve([]);
    const branches = [`(SELECT ${cols} FROM webhook_events WHERE provider = ANY($1::text[]) AND event_id = $2)`];
    const params: unknown[] = [PROVIDERS, terms.raw];
    if (terms.uuid) {
      params.push(terms.uuid);
      branches.push(`(SELECT ${cols} FROM webhook_events WHERE id = $3::uuid)`);
    }
    return this.db.query(branches.join(' UNION ALL '), params);
  }
  /**
   * Counts per provider and status: unfinished and failed ones whenever they arrived (their partial
   * indexes), completed and ignored ones since `since` (webhook_events_received_idx).
   */
  backlog(since: Date): Promise<{ provider: Provider; status: string; n: number; oldest: Date | null }[]> {
    return this.db.query(
      `SELECT provider, status, count(*)::int AS n, min(received_at) AS oldest FROM webhook_events WHERE status IN ('pending', 'processing') GROUP BY provider, status
       UNION ALL
       SELECT provider, status, count(*)::int, min(received_at) FROM webhook_events WHERE status = 'failed' GROUP BY provider, status
       UNION ALL
       SELECT provider, status, count(*)::int, min(received_at) FROM webhook_events WHERE received_at >= $1 AND status IN ('completed', 'ignored') GROUP BY provider, status`,
      [since],
    );
  }

  /** The latest failed events (webhook_events_failed_received_idx). */
  recentFailures(limit: number): Promise<WebhookEvent[]> {
    return this.db.repository(WebhookEvent).find({ where: { status: 'failed' }, order: { receivedAt: 'DESC', id: 'DESC' }, take: limit });
  }
  /**
   * Events whose provider event id is about one of these subjects: Vapi's `<call id>:<type>`,
   * Twilio's `<CallSid>:<status>` (webhook_events_subject_idx), oldest first.
   */
  aboutSubjects(subjects: readonly { provider: Provider; subject: string }[], limit: number): Promise<WebhookEvent[]> {
    if (subjects.length === 0) return Promise.resolve([]);
    const qb = this.db.repository(WebhookEvent).createQueryBuilder('e');
    qb.where(
      subjects.map((_, i) => `(e.provider = :p${i} AND split_part(e.event_id, ':', 1) = :s${i})`).join(' OR '),
      Object.fromEntries(subjects.flatMap((x, i) => [[`p${i}`, x.provider], [`s${i}`, x.subject]])),
    );
    return qb.orderBy('e.receivedAt', 'ASC').addOrderBy('e.id', 'ASC').take(limit).getMany();
  }
}
