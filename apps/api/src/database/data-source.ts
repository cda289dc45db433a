import { DataSource, DataSourceOptions } from 'typeorm';
import { migrations } from './migrations';

/**
 * `poolSize` comes from config/database-pool.ts (what the process runs, or DATABASE_POOL_SIZE);
 * one-off tools use the default. No entities here: the app's modules register their own (DatabaseModule loads them),
 * and migrations are plain SQL.
 */
export function dataSourceOptions(databaseUrl: string, poolSize = 20): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    migrations,
    migrationsTableName: 'schema_migrations',
    // The schema comes from reviewed migrations only.
    synchronize: false,
    migrationsRun: false,
    extra: {
      max: poolSize,
      connectionTimeoutMillis: 5000,
      // A statement that runs longer than this is a bug, not a slow page.
      statement_timeout: 15000,
    },
  };
}

/** For the migration CLI and test setup: no entities, no app. */
export function createDataSource(databaseUrl: string): DataSource {
  return new DataSource(dataSourceOptions(databaseUrl));
}
