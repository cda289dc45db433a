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

/** The cursor's instant: as encodeCursor writes it (UTC, up to microseconds), years 1000–9999 (PostgreSQL's timestamptz takes every one). */
const CURSOR_AT = /^[1-9]\d{3}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])T([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?Z$/;
const CURSOR_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The position in a cursor, or INVALID_CURSOR. Checked to the letter (what PostgreSQL would
 * refuse as a timestamptz or a uuid answered 500): a real calendar day, a real uuid.
 */
export function decodeCursor(cursor: string): CursorPosition {
  try {
    const [at, id, ...rest] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as [unknown, unknown];
    if (rest.length > 0 || typeof at !== 'string' || typeof id !== 'string' || !CURSOR_AT.test(at) || !CURSOR_ID.test(id)) throw new Error('bad cursor');
    // 2026-02-30 passes the pattern; Date rolls it over to March, PostgreSQL refuses it.
    if (new Date(at).toISOString().slice(0, 10) !== at.slice(0, 10)) throw new Error('bad cursor');
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
