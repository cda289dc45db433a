// Every integration test runs against its own database and Redis logical db, never the dev ones.
process.env.NODE_ENV = 'test';
process.env.DATABASE_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/beaker_test';
process.env.REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/1';
process.env.LOG_LEVEL = process.env.TEST_LOG_LEVEL ?? 'silent';
process.env.PROVIDERS = 'sandbox';
// resetState empties Redis after start-up, schedulers included: restored ones would run sweeps a test
// did not ask for. The scheduler tests set their own interval.
process.env.SCHEDULER_CHECK_INTERVAL_MS ??= '3600000';
process.env.WEB_DIST = process.env.TEST_WEB_DIST ?? 'dist/apps/web-none';
export {};
