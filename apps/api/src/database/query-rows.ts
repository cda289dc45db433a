import type { DataSource, EntityManager, QueryRunner } from 'typeorm';

/**
 * The rows of a raw query, whatever its kind. TypeORM answers a Postgres UPDATE or DELETE with
 * `[rows, affectedCount]` instead of the rows (even with RETURNING); this unwraps that.
 */
export async function queryRows<T>(on: DataSource | EntityManager | QueryRunner, sql: string, params: unknown[] = []): Promise<T[]> {
  const result: unknown = await on.query(sql, params);
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}
