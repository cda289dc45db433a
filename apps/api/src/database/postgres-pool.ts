import { Pool, type PoolConfig } from 'pg';

/**
 * The one pool of Postgres connections in a process, shared by TypeORM and by the statements we
 * send ourselves (prepared statements on hot paths, multi-row inserts).
 *
 * TypeORM builds its pool from the `driver` it is given (its documented `driver` option:
 * "the driver object, defaults to require('pg')"); we give it pg's own `Pool`, subclassed only to
 * tell us which pool it built. No second pool, no reading of TypeORM's private fields.
 */
export class SharedPostgresPool {
  private current: Pool | null = null;

  /** The value for TypeORM's `driver` option: pg's Pool, announcing each pool TypeORM creates. */
  readonly driver: { Pool: typeof Pool } = {
    Pool: announcingPool((pool) => {
      this.current = pool;
    }),
  };

  /** The pool, once TypeORM has connected. */
  get pool(): Pool {
    if (!this.current) throw new Error('The database pool is not ready: TypeORM has not connected yet');
    return this.current;
  }
}

/** pg's Pool, telling `announce` about each instance it makes. */
function announcingPool(announce: (pool: Pool) => void): typeof Pool {
  return class AnnouncedPool extends Pool {
    constructor(config?: PoolConfig) {
      super(config);
      announce(this);
    }
  };
}
