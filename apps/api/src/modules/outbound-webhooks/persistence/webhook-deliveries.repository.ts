import { Injectable } from '@nestjs/common';
import { Database, type Tx } from '../../../database/database';

export interface ClaimedDelivery {
  id: string;
  endpoint_id: string;
  business_id: string;
  attempts: number;
  event_id: string;
  event_type: string;
  api_version: string;
  data: Record<string, unknown>;
  event_created_at: Date;
  url: string;
  enabled: boolean;
  deleted_at: Date | null;
  /** The sealed secrets that sign now, newest first. */
  secrets: string[];
}

export interface AttemptRow {
  id: string;
  delivery_id: string;
  event_id: string;
  event_type: string;
  attempt: number;
  succeeded: boolean;
  status_code: number | null;
  latency_ms: number;
  error: string | null;
  response_body: string | null;
  at: Date;
  delivery_status: 'pending' | 'succeeded' | 'failed' | 'canceled';
  next_attempt_at: Date | null;
}

export interface NewAttempt {
  deliveryId: string;
  endpointId: string;
  attempt: number;
  succeeded: boolean;
  statusCode: number | null;
  latencyMs: number;
  error: string | null;
  responseBody: string | null;
  at: Date;
}

/** outbound_events (the outbox), webhook_deliveries and webhook_delivery_attempts. */
@Injectable()
export class WebhookDeliveriesRepository {
  constructor(private readonly db: Database) {}

  /**
   * The event, and a pending delivery for each enabled endpoint of the business that takes its
   * type, in the caller's transaction. Returns the deliveries' ids.
   */
  async insertEvent(event: { businessId: string; type: string; apiVersion: string; data: Record<string, unknown>; at: Date; now: Date }, tx: Tx): Promise<{ eventId: string; deliveryIds: string[] }> {
    const rows = await this.db.prepared<{ event_id: string; delivery_id: string | null }>(
      'outbound-event-insert',
      `WITH event AS (
         INSERT INTO outbound_events (business_id, type, api_version, data, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id
       ), deliveries AS (
         INSERT INTO webhook_deliveries (event_id, endpoint_id, business_id, status, attempts, next_attempt_at, committed_at, created_at, updated_at)
         SELECT event.id, e.id, e.business_id, 'pending', 0, $6, $6, $6, $6
           FROM event, webhook_endpoints e
          WHERE e.business_id = $1 AND e.enabled AND e.deleted_at IS NULL AND $2 = ANY (e.event_types)
         RETURNING id
       )
       SELECT (SELECT id FROM event) AS event_id, deliveries.id AS delivery_id FROM (SELECT 1) one LEFT JOIN deliveries ON true`,
      [event.businessId, event.type, event.apiVersion, JSON.stringify(event.data), event.at, event.now],
      tx,
    );
    return { eventId: rows.rows[0].event_id, deliveryIds: rows.rows.map((r) => r.delivery_id).filter((id): id is string => id !== null) };
  }

  /** A test event and its one delivery, to this endpoint only. */
  async insertTestEvent(event: { businessId: string; endpointId: string; type: string; apiVersion: string; data: Record<string, unknown>; at: Date }, tx: Tx): Promise<{ eventId: string; deliveryId: string }> {
    const row = await this.db.one<{ event_id: string; delivery_id: string }>(
      `WITH event AS (
         INSERT INTO outbound_events (business_id, type, api_version, data, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id
       )
       INSERT INTO webhook_deliveries (event_id, endpoint_id, business_id, status, attempts, next_attempt_at, committed_at, created_at, updated_at)
       SELECT event.id, $6, $1, 'pending', 0, $5, $5, $5, $5 FROM event
       RETURNING event_id, id AS delivery_id`,
      [event.businessId, event.type, event.apiVersion, JSON.stringify(event.data), event.at, event.endpointId],
      tx,
    );
    return { eventId: row!.event_id, deliveryId: row!.delivery_id };
  }

  /**
   * Takes the delivery for its `attempt`-th attempt, if that attempt is due and no one else holds it:
   * the claim lapses at `leaseUntil` (a worker that died mid-send is replaced by the sweeper).
   */
  async claim(deliveryId: string, attempt: number, now: Date, leaseUntil: Date): Promise<ClaimedDelivery | null> {
    const { rows } = await this.db.prepared<ClaimedDelivery>(
      'webhook-delivery-claim',
      `WITH claimed AS (
         UPDATE webhook_deliveries SET locked_until = $4
          WHERE id = $1 AND status = 'pending' AND attempts = $2 - 1 AND next_attempt_at <= $3 AND (locked_until IS NULL OR locked_until <= $3)
          RETURNING id, endpoint_id, business_id, attempts, event_id
       )
       SELECT c.id, c.endpoint_id, c.business_id, c.attempts, c.event_id, ev.type AS event_type, ev.api_version, ev.data, ev.created_at AS event_created_at,
              e.url, e.enabled, e.deleted_at,
              ARRAY(SELECT s.secret_ciphertext FROM webhook_endpoint_secrets s
                     WHERE s.endpoint_id = c.endpoint_id AND (s.expires_at IS NULL OR s.expires_at > $3) ORDER BY s.created_at DESC, s.id DESC) AS secrets
         FROM claimed c JOIN outbound_events ev ON ev.id = c.event_id JOIN webhook_endpoints e ON e.id = c.endpoint_id`,
      [deliveryId, attempt, now, leaseUntil],
    );
    return rows[0] ?? null;
  }

  async recordAttempt(a: NewAttempt, tx: Tx): Promise<void> {
    await this.db.execute(
      `INSERT INTO webhook_delivery_attempts (delivery_id, endpoint_id, attempt, succeeded, status_code, latency_ms, error, response_body, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (delivery_id, attempt) DO NOTHING`,
      [a.deliveryId, a.endpointId, a.attempt, a.succeeded, a.statusCode, a.latencyMs, a.error, a.responseBody, a.at],
      tx,
    );
  }

  /** A 2xx: the attempt, the delivery done and the endpoint no longer failing, in one statement (the hot path). */
  async succeeded(a: NewAttempt, now: Date): Promise<void> {
    await this.db.prepared(
      'webhook-delivery-succeeded',
      `WITH attempt AS (
         INSERT INTO webhook_delivery_attempts (delivery_id, endpoint_id, attempt, succeeded, status_code, latency_ms, error, response_body, at)
         VALUES ($1, $2, $3, true, $4, $5, NULL, $6, $7) ON CONFLICT (delivery_id, attempt) DO NOTHING
       ), delivery AS (
         UPDATE webhook_deliveries SET status = 'succeeded', attempts = $3, next_attempt_at = NULL, locked_until = NULL, delivered_at = $8, updated_at = $8 WHERE id = $1
       )
       UPDATE webhook_endpoints SET failing_since = NULL WHERE id = $2 AND failing_since IS NOT NULL`,
      [a.deliveryId, a.endpointId, a.attempt, a.statusCode, a.latencyMs, a.responseBody, a.at, now],
    );
  }

  /** Failed this attempt: the next at `next`, or none (failed for good). */
  async attemptFailed(deliveryId: string, attempt: number, next: Date | null, now: Date, tx: Tx): Promise<void> {
    await this.db.execute(
      `UPDATE webhook_deliveries SET status = CASE WHEN $3::timestamptz IS NULL THEN 'failed' ELSE 'pending' END, attempts = $2, next_attempt_at = $3, locked_until = NULL, updated_at = $4 WHERE id = $1`,
      [deliveryId, attempt, next, now],
      tx,
    );
  }

  async cancel(deliveryId: string, now: Date): Promise<void> {
    await this.db.execute(`UPDATE webhook_deliveries SET status = 'canceled', next_attempt_at = NULL, locked_until = NULL, updated_at = $2 WHERE id = $1`, [deliveryId, now]);
  }

  /** The endpoint was disabled or deleted: what was still to be sent to it is not. */
  async cancelPendingOf(endpointId: string, now: Date, tx: Tx): Promise<number> {
    return this.db.execute(
      `UPDATE webhook_deliveries SET status = 'canceled', next_attempt_at = NULL, updated_at = $2 WHERE endpoint_id = $1 AND status = 'pending'`,
      [endpointId, now],
      tx,
    );
  }

  /** Pending deliveries due before `before` that no worker holds, oldest first. */
  due(before: Date, now: Date, limit: number): Promise<{ id: string; attempts: number }[]> {
    return this.db.query<{ id: string; attempts: number }>(
      `SELECT id, attempts FROM webhook_deliveries
        WHERE status = 'pending' AND next_attempt_at <= $1 AND (locked_until IS NULL OR locked_until <= $2)
        ORDER BY next_attempt_at LIMIT $3`,
      [before, now, limit],
    );
  }

  /** Deletes events older than `before` with nothing left to send, their deliveries and attempts with them (oldest first, up to `limit`). */
  purgeSettled(before: Date, limit: number): Promise<number> {
    return this.db.execute(
      `DELETE FROM outbound_events WHERE id IN (
         SELECT ev.id FROM outbound_events ev
          WHERE ev.created_at < $1 AND NOT EXISTS (SELECT 1 FROM webhook_deliveries d WHERE d.event_id = ev.id AND d.status = 'pending')
          ORDER BY ev.created_at LIMIT $2)`,
      [before, limit],
    );
  }

  /** A delivery of this business's endpoint. */
  find(businessId: string, endpointId: string, deliveryId: string): Promise<{ id: string; status: string; attempts: number } | null> {
    return this.db.one(`SELECT id, status, attempts FROM webhook_deliveries WHERE id = $1 AND endpoint_id = $2 AND business_id = $3`, [deliveryId, endpointId, businessId]);
  }

  /** Sends a delivery again now (one more attempt; the schedule continues from its attempts). Returns its next attempt's number. */
  async retryNow(deliveryId: string, now: Date): Promise<number | null> {
    const row = await this.db.one<{ attempts: number }>(
      `UPDATE webhook_deliveries SET status = 'pending', next_attempt_at = $2, locked_until = NULL, updated_at = $2
        WHERE id = $1 AND (locked_until IS NULL OR locked_until <= $2) RETURNING attempts`,
      [deliveryId, now],
    );
    return row ? row.attempts + 1 : null;
  }

  /** The delivery log of an endpoint: its attempts, newest first, keyset on (at, id). */
  attempts(businessId: string, endpointId: string, after: { at: string; id: string } | null, limit: number): Promise<AttemptRow[]> {
    return this.db.query<AttemptRow>(
      `SELECT a.id, a.delivery_id, d.event_id, ev.type AS event_type, a.attempt, a.succeeded, a.status_code, a.latency_ms, a.error, a.response_body, a.at,
              d.status AS delivery_status, d.next_attempt_at
         FROM webhook_delivery_attempts a
         JOIN webhook_deliveries d ON d.id = a.delivery_id
         JOIN outbound_events ev ON ev.id = d.event_id
        WHERE a.endpoint_id = $1 AND d.business_id = $2 AND ($3::timestamptz IS NULL OR (a.at, a.id) < ($3::timestamptz, $4::uuid))
        ORDER BY a.at DESC, a.id DESC LIMIT $5`,
      [endpointId, businessId, after?.at ?? null, after?.id ?? null, limit],
    );
  }
}
