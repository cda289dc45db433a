import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createDataSource } from '../../src/database/data-source';
import { migrations } from '../../src/database/migrations';

const baseUrl = new URL(process.env.DATABASE_URL!);

async function adminQuery(sql: string): Promise<void> {
  const admin = new URL(baseUrl.toString());
  admin.pathname = '/postgres';
  const client = new Client({ connectionString: admin.toString() });
  await client.connect();
  await client.query(sql);
  await client.end();
}

async function freshDatabase(name: string): Promise<string> {
  await adminQuery(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  await adminQuery(`CREATE DATABASE "${name}"`);
  const url = new URL(baseUrl.toString());
  url.pathname = `/${name}`;
  return url.toString();
}

async function tables(ds: DataSource): Promise<string[]> {
  const rows: { tablename: string }[] = await ds.query(
    `SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations' ORDER BY 1`,
  );
  return rows.map((r) => r.tablename);
}

describe('schema: migrations', () => {
  it('run up, all the way down, and up again on an empty database', async () => {
    const name = `${baseUrl.pathname.slice(1)}_migrations`;
    const ds = createDataSource(await freshDatabase(name));
    await ds.initialize();
    try {
      await ds.runMigrations({ transaction: 'each' });
      const afterUp = await tables(ds);
      expect(afterUp).toEqual(expect.arrayContaining(['users', 'trials', 'calls', 'businesses', 'business_members', 'phone_numbers', 'webhook_events']));

      for (let i = 0; i < migrations.length; i++) await ds.undoLastMigration({ transaction: 'each' });
      expect(await tables(ds)).toEqual([]);

      await ds.runMigrations({ transaction: 'each' });
      expect(await tables(ds)).toEqual(afterUp);
      expect(await ds.showMigrations()).toBe(false);
    } finally {
      await ds.destroy();
      await adminQuery(`DROP DATABASE IF EXISTS "${name}"`);
    }
  });
});

describe('schema: the database enforces what matters', () => {
  let ds: DataSource;
  let userId: string;
  let trialId: string;
  let businessId: string;

  beforeAll(async () => {
    ds = createDataSource(process.env.DATABASE_URL!);
    await ds.initialize();
    await ds.query(`TRUNCATE users, businesses, webhook_events CASCADE`);
    [{ id: userId }] = await ds.query(`INSERT INTO users (email) VALUES ('owner@example.com') RETURNING id`);
    [{ id: trialId }] = await ds.query(
      `INSERT INTO trials (user_id, industry, business_name, scenario, phone_e164, expires_at)
       VALUES ($1, 'hvac', 'Cool Air', 'lead_intake', '+14155550100', now() + interval '48 hours') RETURNING id`,
      [userId],
    );
    [{ id: businessId }] = await ds.query(
      `INSERT INTO businesses (name, plan, calls_included) VALUES ('Cool Air', 'starter', 100) RETURNING id`,
    );
  });
  afterAll(async () => ds.destroy());

  it('generates UUID primary keys', async () => {
    expect(userId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('rejects calls_used above calls_limit on a trial', async () => {
    await expect(ds.query(`UPDATE trials SET calls_used = 4 WHERE id = $1`, [trialId])).rejects.toThrow(/chk_calls_within_limit/);
    await ds.query(`UPDATE trials SET calls_used = 3 WHERE id = $1`, [trialId]);
    const [{ calls_used }] = await ds.query(`SELECT calls_used FROM trials WHERE id = $1`, [trialId]);
    expect(calls_used).toBe(3);
  });

  it('rejects a second webhook event with the same provider and event id', async () => {
    await ds.query(`INSERT INTO webhook_events (provider, event_id, event_type) VALUES ('stripe', 'evt_1', 'invoice.paid')`);
    await expect(
      ds.query(`INSERT INTO webhook_events (provider, event_id, event_type) VALUES ('stripe', 'evt_1', 'invoice.paid')`),
    ).rejects.toThrow(/webhook_events_provider_event_key/);
    // The same id from another provider is another event.
    await ds.query(`INSERT INTO webhook_events (provider, event_id, event_type) VALUES ('vapi', 'evt_1', 'status-update')`);
  });

  it('rejects a call that belongs to both a trial and a business, or to neither', async () => {
    await expect(
      ds.query(`INSERT INTO calls (trial_id, business_id, direction, to_e164) VALUES ($1, $2, 'outbound_trial', '+14155550100')`, [trialId, businessId]),
    ).rejects.toThrow(/calls_exactly_one_owner/);
    await expect(ds.query(`INSERT INTO calls (direction, to_e164) VALUES ('inbound', '+14155550100')`)).rejects.toThrow(/calls_exactly_one_owner/);
    await ds.query(`INSERT INTO calls (trial_id, direction, to_e164) VALUES ($1, 'outbound_trial', '+14155550100')`, [trialId]);
    await ds.query(`INSERT INTO calls (business_id, direction, to_e164) VALUES ($1, 'inbound', '+14155550100')`, [businessId]);
  });

  it('rejects a duplicate provider call id', async () => {
    await ds.query(`INSERT INTO calls (business_id, direction, to_e164, vapi_call_id) VALUES ($1, 'inbound', '+14155550100', 'vapi-1')`, [businessId]);
    await expect(
      ds.query(`INSERT INTO calls (business_id, direction, to_e164, vapi_call_id) VALUES ($1, 'inbound', '+14155550101', 'vapi-1')`, [businessId]),
    ).rejects.toThrow(/calls_vapi_call_id_key/);
  });

  it('stores emails only in normalized form', async () => {
    await expect(ds.query(`INSERT INTO users (email) VALUES (' Mixed@Example.com')`)).rejects.toThrow(/users_email_normalized/);
  });
});
