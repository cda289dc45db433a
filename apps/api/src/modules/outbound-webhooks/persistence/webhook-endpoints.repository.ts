import { Injectable } from '@nestjs/common';
import type { WebhookEventType } from '@beaker/contracts';
import { Database, type Tx } from '../../../database/database';

export interface EndpointRow {
  id: string;
  business_id: string;
  url: string;
  description: string;
  event_types: WebhookEventType[];
  enabled: boolean;
  disabled_reason: 'failing' | 'owner' | null;
  failing_since: Date | null;
  deleted_at: Date | null;
  created_at: Date;
  updated_at: Date;
}

export interface EndpointWrite {
  url: string;
  description: string;
  eventTypes: WebhookEventType[];
  enabled: boolean;
}

const COLUMNS = `id, business_id, url, description, event_types, enabled, disabled_reason, failing_since, deleted_at, created_at, updated_at`;

/** webhook_endpoints and webhook_endpoint_secrets: a business's endpoints and their signing secrets. Every read names the business. */
@Injectable()
export class WebhookEndpointsRepository {
  constructor(private readonly db: Database) {}

  async insert(businessId: string, endpoint: EndpointWrite, sealedSecret: string, now: Date, tx: Tx): Promise<EndpointRow> {
    const row = await this.db.one<EndpointRow>(
      `INSERT INTO webhook_endpoints (business_id, url, description, event_types, enabled, disabled_reason, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $7) RETURNING ${COLUMNS}`,
      [businessId, endpoint.url, endpoint.description, endpoint.eventTypes, endpoint.enabled, endpoint.enabled ? null : 'owner', now],
      tx,
    );
    await this.db.execute(`INSERT INTO webhook_endpoint_secrets (endpoint_id, secret_ciphertext, created_at) VALUES ($1, $2, $3)`, [row!.id, sealedSecret, now], tx);
    return row!;
  }

  find(businessId: string, endpointId: string, tx?: Tx): Promise<EndpointRow | null> {
    return this.db.one<EndpointRow>(`SELECT ${COLUMNS} FROM webhook_endpoints WHERE id = $1 AND business_id = $2 AND deleted_at IS NULL`, [endpointId, businessId], tx);
  }

  /** The endpoint locked for a change, or null (not this business's, or deleted). */
  lock(businessId: string, endpointId: string, tx: Tx): Promise<EndpointRow | null> {
    return this.db.one<EndpointRow>(`SELECT ${COLUMNS} FROM webhook_endpoints WHERE id = $1 AND business_id = $2 AND deleted_at IS NULL FOR UPDATE`, [endpointId, businessId], tx);
  }

  /** Newest first, keyset on (created_at, id). */
  list(businessId: string, after: { at: string; id: string } | null, limit: number): Promise<EndpointRow[]> {
    return this.db.query<EndpointRow>(
      `SELECT ${COLUMNS} FROM webhook_endpoints
        WHERE business_id = $1 AND deleted_at IS NULL AND ($2::timestamptz IS NULL OR (created_at, id) < ($2::timestamptz, $3::uuid))
        ORDER BY created_at DESC, id DESC LIMIT $4`,
      [businessId, after?.at ?? null, after?.id ?? null, limit],
    );
  }

  /** The business's endpoints, counted under a lock per business (two creations at once cannot both take the last place). */
  async countForBusiness(businessId: string, tx: Tx): Promise<number> {
    await this.db.query(`SELECT pg_advisory_xact_lock(hashtext('webhook-endpoints:' || $1::text))`, [businessId], tx);
    const row = await this.db.one<{ n: number }>(`SELECT count(*)::int AS n FROM webhook_endpoints WHERE business_id = $1 AND deleted_at IS NULL`, [businessId], tx);
    return row?.n ?? 0;
  }

  async update(endpointId: string, endpoint: EndpointWrite & { disabledReason: 'failing' | 'owner' | null; failingSince: Date | null }, now: Date, tx: Tx): Promise<EndpointRow> {
    const row = await this.db.one<EndpointRow>(
      `UPDATE webhook_endpoints SET url = $2, description = $3, event_types = $4, enabled = $5, disabled_reason = $6, failing_since = $7, updated_at = $8
        WHERE id = $1 RETURNING ${COLUMNS}`,
      [endpointId, endpoint.url, endpoint.description, endpoint.eventTypes, endpoint.enabled, endpoint.disabledReason, endpoint.failingSince, now],
      tx,
    );
    return row!;
  }

  async softDelete(businessId: string, endpointId: string, now: Date, tx: Tx): Promise<boolean> {
    const changed = await this.db.execute(
      `UPDATE webhook_endpoints SET deleted_at = $3, enabled = false, updated_at = $3 WHERE id = $1 AND business_id = $2 AND deleted_at IS NULL`,
      [endpointId, businessId, now],
      tx,
    );
    return changed > 0;
  }

  /** Any endpoint by id, deleted ones too (a delivery's). */
  byId(endpointId: string, tx?: Tx): Promise<EndpointRow | null> {
    return this.db.one<EndpointRow>(`SELECT ${COLUMNS} FROM webhook_endpoints WHERE id = $1`, [endpointId], tx);
  }

  /** A new current secret; the previous current one signs until `overlapUntil`. */
  async rotate(endpointId: string, sealedSecret: string, now: Date, overlapUntil: Date, tx: Tx): Promise<void> {
    await this.db.execute(`UPDATE webhook_endpoint_secrets SET expires_at = $2 WHERE endpoint_id = $1 AND expires_at IS NULL`, [endpointId, overlapUntil], tx);
    await this.db.execute(`DELETE FROM webhook_endpoint_secrets WHERE endpoint_id = $1 AND expires_at <= $2`, [endpointId, now], tx);
    await this.db.execute(`INSERT INTO webhook_endpoint_secrets (endpoint_id, secret_ciphertext, created_at) VALUES ($1, $2, $3)`, [endpointId, sealedSecret, now], tx);
  }

  /** A failure: failing since the first failure after the last success (returned). */
  async markFailing(endpointId: string, now: Date, tx: Tx): Promise<Date | null> {
    const row = await this.db.one<{ failing_since: Date }>(
      `UPDATE webhook_endpoints SET failing_since = COALESCE(failing_since, $2) WHERE id = $1 RETURNING failing_since`,
      [endpointId, now],
      tx,
    );
    return row?.failing_since ?? null;
  }

  /** Disables an endpoint that has failed too long; false when it already was (so its owners are told once). */
  async disableFailing(endpointId: string, now: Date, tx: Tx): Promise<boolean> {
    const changed = await this.db.execute(
      `UPDATE webhook_endpoints SET enabled = false, disabled_reason = 'failing', updated_at = $2 WHERE id = $1 AND enabled`,
      [endpointId, now],
      tx,
    );
    return changed > 0;
  }
}
