import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool, PoolClient, QueryResultRow } from 'pg';
import { DataSource, EntityManager, type EntityTarget, type ObjectLiteral, type Repository } from 'typeorm';
import { SharedPostgresPool } from './postgres-pool';
import { whenTransactionEnds } from './transaction-endings';

/**
 * A transaction in progress. Repository methods take one as their last, optional argument: with
 * it, their statements join that transaction (e.g. a webhook's effects and the event's
 * completion commit together); without it, each statement runs on its own.
 */
export type Tx = EntityManager;

type Queryable = Pick<Pool | PoolClient, 'query'>;

/**
 * Every SQL statement of the product goes through here, from the repositories of the module that
 * owns the tables (see docs/MAP.md). Plain statements and prepared ones share TypeORM's pool
 * (SharedPostgresPool); transactions are TypeORM's.
 */
@Injectable()
export class Database {
  constructor(
    @InjectDataSource() readonly dataSource: DataSource,
    private readonly shared: SharedPostgresPool,
  ) {}

  /** One round trip to the server (health checks). */
  async ping(): Promise<void> {
    await this.shared.pool.query('SELECT 1');
  }

  /** The rows a statement returns (SELECT, or INSERT/UPDATE/DELETE … RETURNING). */
  async query<T extends QueryResultRow = QueryResultRow>(sql: string, params: unknown[] = [], tx?: Tx): Promise<T[]> {
    const { rows } = await (await this.on(tx)).query<T>(sql, params);
    return rows;
  }

  /** The first row, or null. */
  async one<T extends QueryResultRow = QueryResultRow>(sql: string, params: unknown[] = [], tx?: Tx): Promise<T | null> {
    return (await this.query<T>(sql, params, tx))[0] ?? null;
  }

  /** How many rows a statement changed (UPDATE/DELETE without RETURNING). */
  async execute(sql: string, params: unknown[] = [], tx?: Tx): Promise<number> {
    const { rowCount } = await (await this.on(tx)).query(sql, params);
    return rowCount ?? 0;
  }

  /**
   * A named (prepared) statement: Postgres plans it once per connection. For statements on the
   * hottest paths (every signed-in request, webhook intake); `name` must be unique per text.
   */
  async prepared<T extends QueryResultRow = QueryResultRow>(name: string, sql: string, params: unknown[], tx?: Tx): Promise<{ rows: T[]; count: number }> {
    const result = await (await this.on(tx)).query<T>({ name, text: sql, values: params });
    return { rows: result.rows, count: result.rowCount ?? 0 };
  }

  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Tx) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  /**
   * Runs `effect` once the transaction `tx` belongs to has ended, committed or rolled back (at once
   * when `tx` is in no transaction): for what must outlive a transaction's visibility, no more
   * (a reservation that other transactions must see until this one's rows are visible). Effects
   * that must happen only on commit belong to the caller, after the transaction returns.
   */
  whenTransactionEnds(tx: Tx | undefined, effect: () => void): void {
    whenTransactionEnds(tx?.queryRunner, effect);
  }

  /** TypeORM's repository of an entity, inside `tx` when given (for the owning module's repository only). */
  repository<E extends ObjectLiteral>(entity: EntityTarget<E>, tx?: Tx): Repository<E> {
    return (tx ?? this.dataSource.manager).getRepository(entity);
  }

  /**
   * One connection held for the whole of `work` (session-level advisory locks need the same
   * connection throughout), with transactions on it under the caller's control.
   */
  async withConnection<T>(work: (connection: Connection) => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    try {
      const client = (await runner.connect()) as PoolClient;
      return await work(new Connection(runner.manager, client));
    } finally {
      await runner.release();
    }
  }

  /** The transaction's own connection (TypeORM's QueryRunner.connect answers it), else the pool. */
  private async on(tx?: Tx): Promise<Queryable> {
    if (!tx) return this.shared.pool;
    if (!tx.queryRunner) throw new Error('Not a transaction: pass the EntityManager that Database.transaction() handed you');
    return (await tx.queryRunner.connect()) as PoolClient;
  }
}

/** A connection held by {@link Database.withConnection}: statements on it, and transactions it starts. */
export class Connection {
  constructor(
    /** Pass it as `tx` to repository methods while a transaction is open on this connection. */
    readonly tx: Tx,
    private readonly client: PoolClient,
  ) {}

  async query<T extends QueryResultRow = QueryResultRow>(sql: string, params: unknown[] = []): Promise<T[]> {
    return (await this.client.query<T>(sql, params)).rows;
  }

  get inTransaction(): boolean {
    return this.tx.queryRunner?.isTransactionActive === true;
  }

  begin(): Promise<void> {
    return this.tx.queryRunner!.startTransaction();
  }

  commit(): Promise<void> {
    return this.tx.queryRunner!.commitTransaction();
  }

  rollback(): Promise<void> {
    return this.tx.queryRunner!.rollbackTransaction();
  }
}
