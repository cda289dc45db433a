import type { DataSource, EntityManager } from 'typeorm';

/**
 * The rows of an `UPDATE … RETURNING` / `DELETE … RETURNING`. TypeORM's Postgres driver answers
 * those with `[rows, rowCount]` (and plain rows for everything else); this takes the rows either way.
 */
export async function returningRows<T>(db: DataSource | EntityManager, sql: string, params: unknown[]): Promise<T[]> {
  const result: unknown = await db.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}
