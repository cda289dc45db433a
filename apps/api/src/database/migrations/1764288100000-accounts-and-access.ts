import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Accounts and access: magic links, server-side sessions, API keys. Every secret is stored as its
 * SHA-256 only (token_hash, key_hash), so a database leak signs nobody in.
 */
export class AccountsAndAccess1764288100000 implements MigrationInterface {
  name = 'AccountsAndAccess1764288100000';

  async up(q: QueryRunner): Promise<void> {
    // No user_id: the account is created at first sign-in, so a request for an unknown address
    // does exactly the same work as one for a known address.
    await q.query(`
      CREATE TABLE magic_links (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email text NOT NULL CHECK (email = lower(btrim(email))),
        token_hash text NOT NULL,
        requested_ip text,
        expires_at timestamptz NOT NULL,
        used_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX magic_links_token_hash_key ON magic_links (token_hash)`);
    await q.query(`CREATE INDEX magic_links_expires_idx ON magic_links (expires_at)`);

    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash text NOT NULL,
        expires_at timestamptz NOT NULL,
        last_seen_at timestamptz NOT NULL,
        revoked_at timestamptz,
        ip text,
        user_agent text,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX sessions_token_hash_key ON sessions (token_hash)`);
    await q.query(`CREATE INDEX sessions_user_idx ON sessions (user_id)`);
    await q.query(`CREATE INDEX sessions_expires_idx ON sessions (expires_at)`);

    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        business_id uuid NOT NULL REFERENCES businesses(id) ON DELETE CASCADE,
        name text NOT NULL CHECK (char_length(name) BETWEEN 1 AND 100),
        prefix text NOT NULL,
        key_hash text NOT NULL,
        created_by_user_id uuid REFERENCES users(id) ON DELETE SET NULL,
        last_used_at timestamptz,
        revoked_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX api_keys_key_hash_key ON api_keys (key_hash)`);
    // The owner's list: newest first per business, keyset on (created_at, id).
    await q.query(`CREATE INDEX api_keys_business_created_idx ON api_keys (business_id, created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX api_keys_created_by_idx ON api_keys (created_by_user_id) WHERE created_by_user_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of ['api_keys', 'sessions', 'magic_links']) {
      await q.query(`DROP TABLE IF EXISTS ${table}`);
    }
  }
}
