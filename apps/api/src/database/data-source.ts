import { DataSource, DataSourceOptions } from 'typeorm';
import { entities } from './entities';
import { migrations } from './migrations';

export function dataSourceOptions(databaseUrl: string): DataSourceOptions {
  return {
    type: 'postgres',
    url: databaseUrl,
    entities,
    migrations,
    migrationsTableName: 'schema_migrations',
    // The schema comes from reviewed migrations only.
    synchronize: false,
    migrationsRun: false,
    extra: {
      max: Number(process.env.DATABASE_POOL_SIZE ?? 20),
      connectionTimeoutMillis: 5000,
      // A statement that runs longer than this is a bug, not a slow page.
      statement_timeout: 15000,
    },
  };
}

export function createDataSource(databaseUrl: string): DataSource {
  return new DataSource(dataSourceOptions(databaseUrl));
}
