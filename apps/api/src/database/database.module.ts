import { DynamicModule, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { AppConfig } from '../config/app-config';
import { Database } from './database';
import { dataSourceOptions } from './data-source';
import { SharedPostgresPool } from './postgres-pool';
import { TransactionEndSubscriber } from './transaction-endings';

/** One SharedPostgresPool per application (two apps in one process, as in tests, keep theirs apart). */
@Module({ providers: [SharedPostgresPool], exports: [SharedPostgresPool] })
class PostgresPoolModule {}

/**
 * The database for every module: `Database` (statements, prepared statements, transactions) over
 * one pool, of the size `databasePoolPlan` gives this kind of process (config/database-pool.ts).
 * Each module registers its own entities (`TypeOrmModule.forFeature`); they are loaded from there,
 * so this module knows no module's tables.
 */
@Module({})
export class DatabaseModule {
  static forRoot(poolSize: number): DynamicModule {
    return {
      module: DatabaseModule,
      global: true,
      imports: [
        PostgresPoolModule,
        TypeOrmModule.forRootAsync({
          imports: [PostgresPoolModule],
          inject: [AppConfig, SharedPostgresPool],
          useFactory: (config: AppConfig, shared: SharedPostgresPool) => ({
            ...dataSourceOptions(config.env.DATABASE_URL, poolSize),
            driver: shared.driver,
            subscribers: [TransactionEndSubscriber],
            autoLoadEntities: true,
            // A short wait at boot; once up, the pool reconnects by itself after an outage.
            retryAttempts: 5,
            retryDelay: 1000,
          }),
        }),
      ],
      providers: [Database],
      exports: [Database],
    };
  }
}
