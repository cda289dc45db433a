import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { ObjectLiteral, SelectQueryBuilder } from 'typeorm';
import type { Page } from '@beaker/contracts';
import { InvalidCursor } from '../errors/common.errors';
import { TypeOf } from './dto-transforms';

export const DEFAULT_PAGE_SIZE = 25;
export const MAX_PAGE_SIZE = 100;

/** `?cursor=&limit=` of every list endpoint. */
export class PageQueryDto {
  @ApiPropertyOptional({ description: 'Opaque cursor from the previous page\'s nextCursor' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PAGE_SIZE, default: DEFAULT_PAGE_SIZE })
  @IsOptional()
  @TypeOf(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;
}

interface CursorPosition {
  at: string;
  id: string;
}

export function encodeCursor(position: CursorPosition): string {
  return Buffer.from(JSON.stringify([position.at, position.id])).toString('base64url');
}

export function decodeCursor(cursor: string): CursorPosition {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [string, string];
    if (typeof at !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/i.test(id)) {
      throw new Error('bad cursor');
    }
    return { at, id };
  } catch {
    throw new InvalidCursor();
  }
}

/**
 * Keyset pagination, newest first, on (timestamp column, id). Stable under inserts and cheap at
 * any depth, unlike OFFSET. `column` is the timestamptz property to order by (default createdAt).
 * The cursor carries the timestamp to the microsecond, as PostgreSQL keeps it (a JavaScript Date
 * keeps milliseconds: a cursor cut there would skip the rows of the same millisecond after it).
 * For queries without joins (one row per entity).
 */
export async function paginate<T extends ObjectLiteral & { id: string }>(
  qb: SelectQueryBuilder<T>,
  query: PageQueryDto,
  column: keyof T & string = 'createdAt',
): Promise<Page<T>> {
  const alias = qb.alias;
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  const databaseColumn = qb.expressionMap.mainAlias!.metadata.findColumnWithPropertyName(column)!.databaseName;
  if (query.cursor) {
    const { at, id } = decodeCursor(query.cursor);
    qb.andWhere(`(${alias}.${column}, ${alias}.id) < (CAST(:cursorAt AS timestamptz), CAST(:cursorId AS uuid))`, { cursorAt: at, cursorId: id });
  }
  const { entities: rows, raw } = await qb
    .addSelect(`to_char(${alias}.${databaseColumn} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, 'page_cursor_at')
    .orderBy(`${alias}.${column}`, 'DESC')
    .addOrderBy(`${alias}.id`, 'DESC')
    .take(limit + 1)
    .getRawAndEntities<{ page_cursor_at: string }>();
  const items = rows.slice(0, limit);
  const last = items[items.length - 1];
  const nextCursor = rows.length > limit && last ? encodeCursor({ at: raw[items.length - 1]!.page_cursor_at, id: last.id }) : null;
  return { items, nextCursor };
}

/** Same cursor scheme for lists that live outside the database (development inboxes). */
export function paginateArray<T>(sorted: T[], query: PageQueryDto, key: (item: T) => CursorPosition): Page<T> {
  const limit = query.limit ?? DEFAULT_PAGE_SIZE;
  let start = 0;
  if (query.cursor) {
    const { at, id } = decodeCursor(query.cursor);
    const index = sorted.findIndex((item) => {
      const k = key(item);
      return k.at === at && k.id === id;
    });
    start = index + 1;
  }
  const items = sorted.slice(start, start + limit);
  const last = items[items.length - 1];
  return { items, nextCursor: start + limit < sorted.length && last ? encodeCursor(key(last)) : null };
}
