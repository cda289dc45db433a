// Before the browser tests' server starts: its database and its Redis database start empty.
// The two must agree (numbers bought in the Twilio sandbox live in Redis, the businesses that own
// them in Postgres), and Redis keeps nothing across restarts, so both are wiped together.
import pg from 'pg';
import Redis from 'ioredis';

const databaseUrl = new URL(process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/beaker_e2e');
const redisUrl = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379/3';
const database = databaseUrl.pathname.slice(1);
if (!/e2e/.test(database)) {
  console.error(`prepare-state: refusing to drop "${database}": only a database named *e2e* is wiped before browser tests.`);
  process.exit(1);
}

const admin = new URL(databaseUrl);
admin.pathname = '/postgres';
const client = new pg.Client({ connectionString: admin.toString() });
await client.connect();
try {
  await client.query(`DROP DATABASE IF EXISTS "${database.replaceAll('"', '""')}" WITH (FORCE)`);
} finally {
  await client.end();
}

const redis = new Redis(redisUrl, { maxRetriesPerRequest: 1 });
try {
  await redis.flushdb();
} finally {
  redis.disconnect();
}
console.log(`prepare-state: ${database} dropped, ${redisUrl} flushed`);
