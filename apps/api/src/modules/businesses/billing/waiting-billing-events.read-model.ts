import { Injectable } from '@nestjs/common';
import { Database, type Tx } from '../../../database/database';
import { ReadModel } from '../../../database/read-model';

/**
 * Read model: Stripe events stored by the webhooks module (`webhook_events`) that are about one
 * customer or subscription, in Stripe's order — the billing events that arrived before the
 * checkout that creates their business (Stripe does not keep order).
 */
@ReadModel({ reads: ['webhook_events'] })
@Injectable()
export class WaitingBillingEventsReadModel {
  constructor(private readonly db: Database) {}

  /** Payloads of events of these types about the subscription (or its customer) received since `since`. */
  payloadsAbout(subscriptionId: string, customerId: string, types: readonly string[], since: Date, tx: Tx): Promise<{ payload: unknown }[]> {
    return this.db.query(
      `SELECT payload FROM webhook_events
        WHERE provider = 'stripe' AND event_type = ANY($3) AND received_at > $4
          AND (payload->'data'->'object'->>'customer' = $2 OR payload->'data'->'object'->>'subscription' = $1 OR payload->'data'->'object'->>'id' = $1)
        ORDER BY (payload->>'created')::bigint NULLS LAST, received_at`,
      [subscriptionId, customerId, types, since],
      tx,
    );
  }

  /** Ids of such events that ran out of retries (failed), oldest first in Stripe's order. */
  async failedAbout(customerId: string, subscriptionId: string, types: readonly string[]): Promise<string[]> {
    const rows = await this.db.query<{ id: string }>(
      `SELECT id FROM webhook_events
        WHERE provider = 'stripe' AND status = 'failed' AND event_type = ANY($3)
          AND (payload->'data'->'object'->>'customer' = $1 OR payload->'data'->'object'->>'subscription' = $2 OR payload->'data'->'object'->>'id' = $2)
        ORDER BY (payload->>'created')::bigint NULLS LAST, received_at`,
      [customerId, subscriptionId, types],
    );
    return rows.map((r) => r.id);
  }
}
