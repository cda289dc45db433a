import { Database } from '../../src/database/database';
import { ServiceContext, serviceContext } from './service-context';

/** The database layer: statements join a transaction when given one, and work waits for a transaction's end. */
describe('Database (no HTTP)', () => {
  let ctx: ServiceContext;
  let db: Database;

  beforeAll(async () => {
    ctx = await serviceContext();
    db = ctx.get(Database);
  });
  afterAll(async () => ctx.close());
  beforeEach(async () => ctx.reset());

  it('runs a statement inside the transaction it is given, and a prepared statement sees its uncommitted rows', async () => {
    await db.transaction(async (tx) => {
      await db.execute(`INSERT INTO users (email) VALUES ($1)`, ['inside@example.com'], tx);
      expect(await db.query(`SELECT email FROM users`)).toEqual([]); // not committed: invisible outside
      expect((await db.prepared('test-users-count', `SELECT count(*)::int AS n FROM users`, [], tx)).rows).toEqual([{ n: 1 }]);
    });
    expect(await db.query(`SELECT email FROM users`)).toEqual([{ email: 'inside@example.com' }]);
  });

  it('runs work when the transaction ends: after a commit, after a rollback, and at once outside one', async () => {
    const seen: string[] = [];
    await db.transaction(async (tx) => {
      db.whenTransactionEnds(tx, () => seen.push('committed'));
      expect(seen).toEqual([]);
    });
    await expect(
      db.transaction(async (tx) => {
        db.whenTransactionEnds(tx, () => seen.push('rolled back'));
        throw new Error('give up');
      }),
    ).rejects.toThrow('give up');
    db.whenTransactionEnds(undefined, () => seen.push('no transaction'));
    // A transaction opened elsewhere (TypeORM directly) is seen too.
    await ctx.db.transaction(async (m) => db.whenTransactionEnds(m, () => seen.push('typeorm')));
    expect(seen).toEqual(['committed', 'rolled back', 'no transaction', 'typeorm']);
  });

  it('holds one connection for session-level work (advisory locks) and its own transactions', async () => {
    await db.withConnection(async (connection) => {
      const [{ locked }] = await connection.query<{ locked: boolean }>(`SELECT pg_try_advisory_lock(42) AS locked`);
      expect(locked).toBe(true);
      // Another connection cannot take it while this one holds it.
      expect((await db.one<{ locked: boolean }>(`SELECT pg_try_advisory_lock(42) AS locked`))!.locked).toBe(false);
      await connection.begin();
      await db.execute(`INSERT INTO users (email) VALUES ('held@example.com')`, [], connection.tx);
      await connection.rollback();
      await connection.query(`SELECT pg_advisory_unlock(42)`);
    });
    expect(await db.query(`SELECT email FROM users`)).toEqual([]);
  });
});
