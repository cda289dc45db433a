import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Outbound webhooks: a business's endpoints and their signing secrets (encrypted, so that they can
 * sign), the outbox of events (written in the transaction of the change that caused them), one
 * delivery per event and endpoint, and every attempt of a delivery (the delivery log).
 */
export class OutboundWebhooks1764300000000 implements MigrationInterface {
  name = 'OutboundWebhooks1764300000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE webhook_endpoints (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        business_id uuid NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
        url text NOT NULL CHECK (length(url) BETWEEN 1 AND 2048),
        description text NOT NULL DEFAULT '' CHECK (length(description) <= 200),
        event_types text[] NOT NULL,
        enabled boolean NOT NULL DEFAULT true,
        disabled_reason text CHECK (disabled_reason IN ('failing', 'owner')),
        failing_since timestamptz,
        deleted_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX webhook_endpoints_business_created_idx ON webhook_endpoints (business_id, created_at DESC, id DESC) WHERE deleted_at IS NULL`);

    await q.query(`
      CREATE TABLE webhook_endpoint_secrets (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
        secret_ciphertext text NOT NULL,
        created_at timestamptz NOT NULL,
        expires_at timestamptz
      )`);
    await q.query(`CREATE INDEX webhook_endpoint_secrets_endpoint_idx ON webhook_endpoint_secrets (endpoint_id)`);

    await q.query(`
      CREATE TABLE outbound_events (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        business_id uuid NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
        type text NOT NULL,
        api_version text NOT NULL,
        data jsonb NOT NULL,
        created_at timestamptz NOT NULL
      )`);
    await q.query(`CREATE INDEX outbound_events_business_created_idx ON outbound_events (business_id, created_at DESC)`);
    await q.query(`CREATE INDEX outbound_events_created_idx ON outbound_events (created_at)`);

    await q.query(`
      CREATE TABLE webhook_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL REFERENCES outbound_events(id) ON DELETE CASCADE,
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
        business_id uuid NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
        status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'succeeded', 'failed', 'canceled')),
        attempts int NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at timestamptz,
        locked_until timestamptz,
        committed_at timestamptz NOT NULL,
        delivered_at timestamptz,
        created_at timestamptz NOT NULL,
        updated_at timestamptz NOT NULL,
        UNIQUE (event_id, endpoint_id)
      )`);
    await q.query(`CREATE INDEX webhook_deliveries_due_idx ON webhook_deliveries (next_attempt_at) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX webhook_deliveries_endpoint_idx ON webhook_deliveries (endpoint_id)`);

    await q.query(`
      CREATE TABLE webhook_delivery_attempts (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        delivery_id uuid NOT NULL REFERENCES webhook_deliveries(id) ON DELETE CASCADE,
        endpoint_id uuid NOT NULL REFERENCES webhook_endpoints(id) ON DELETE CASCADE,
        attempt int NOT NULL CHECK (attempt >= 1),
        succeeded boolean NOT NULL,
        status_code int,
        latency_ms int NOT NULL,
        error text,
        response_body text,
        at timestamptz NOT NULL,
        UNIQUE (delivery_id, attempt)
      )`);
    await q.query(`CREATE INDEX webhook_delivery_attempts_endpoint_at_idx ON webhook_delivery_attempts (endpoint_id, at DESC, id DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS webhook_delivery_attempts`);
    await q.query(`DROP TABLE IF EXISTS webhook_deliveries`);
    await q.query(`DROP TABLE IF EXISTS outbound_events`);
    await q.query(`DROP TABLE IF EXISTS webhook_endpoint_secrets`);
    await q.query(`DROP TABLE IF EXISTS webhook_endpoints`);
  }
}
