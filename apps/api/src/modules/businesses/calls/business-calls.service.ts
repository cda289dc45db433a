import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Pool } from 'pg';
import { DataSource } from 'typeorm';
import type { BusinessCallSummary, CallDirection, CallStatus, InboundRoute, Page } from '@beaker/contracts';
import { InvalidCursor } from '../../../common/errors/common.errors';
import { DEFAULT_PAGE_SIZE } from '../../../common/http/pagination';
import { InvalidDateRange } from '../businesses.errors';
import type { BusinessCallsQueryDto } from '../dto/business-calls.dto';

/** Timestamps come as ISO text from Postgres (no Date parsing and re-printing per row), under names that do not shadow the columns in ORDER BY. */
interface CallListRow {
  id: string;
  direction: CallDirection;
  status: CallStatus;
  from_e164: string | null;
  to_e164: string;
  created: string;
  started: string | null;
  ended: string | null;
  duration_seconds: number | null;
  ended_reason: string | null;
  summary: string | null;
  caller_name: string | null;
  inbound_route: InboundRoute | null;
  /** created_at to the microsecond: the cursor must not lose precision. */
  cursor_at: string;
}

const ISO_MS = `'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'`;
const iso = (column: string) => `to_char(${column} AT TIME ZONE 'UTC', ${ISO_MS})`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const MICRO_ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

export function encodeCallCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify([at, id])).toString('base64url');
}

export function decodeCallCursor(cursor: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    if (typeof at === 'string' && typeof id === 'string' && MICRO_ISO.test(at) && UUID.test(id)) return { at, id };
  } catch {
    // fall through
  }
  throw new InvalidCursor();
}

/**
 * A business's calls, newest first, with optional filters; keyset pagination on (created_at, id)
 * so every page costs the same at any depth. The indexes (business_id, [direction | status,]
 * created_at DESC, id DESC) serve each filter; the list never reads transcripts.
 */
@Injectable()
export class BusinessCallsService {
  private readonly pool: Pool;

  constructor(@InjectDataSource() dataSource: DataSource) {
    // Straight to pg: this list is read on every dashboard visit and by integrators' polling.
    this.pool = (dataSource.driver as unknown as { master: Pool }).master;
  }

  async list(businessId: string, query: BusinessCallsQueryDto): Promise<Page<BusinessCallSummary>> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const where = ['business_id = $1'];
    const params: unknown[] = [businessId];
    // The statement's shape (which filters) names it: each shape is planned once per connection.
    let shape = '';
    const add = (clause: (n: string) => string, value: unknown, flag: string) => {
      params.push(value);
      where.push(clause(`$${params.length}`));
      shape += flag;
    };
    if (query.direction) add((p) => `direction = ${p}`, query.direction, 'd');
    if (query.status) add((p) => `status = ${p}`, query.status, 's');
    const from = query.from ? new Date(query.from) : null;
    const to = query.to ? new Date(query.to) : null;
    if (from && to && from.getTime() >= to.getTime()) throw new InvalidDateRange('`from` must be before `to`');
    if (from) add((p) => `created_at >= ${p}`, from.toISOString(), 'f');
    if (to) add((p) => `created_at < ${p}`, to.toISOString(), 't');
    if (query.cursor) {
      const cursor = decodeCallCursor(query.cursor);
      params.push(cursor.at, cursor.id);
      where.push(`(created_at, id) < ($${params.length - 1}::timestamptz, $${params.length}::uuid)`);
      shape += 'c';
    }
    params.push(limit + 1);
    const { rows } = await this.pool.query<CallListRow>({
      name: `business-calls-list:${shape}`,
      text: `SELECT id, direction, status, from_e164, to_e164, ${iso('created_at')} AS created, ${iso('started_at')} AS started,
                    ${iso('ended_at')} AS ended, duration_seconds, ended_reason, summary,
                    extracted_lead->>'name' AS caller_name, inbound_route,
                    to_char(created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS cursor_at
               FROM calls
              WHERE ${where.join(' AND ')}
              ORDER BY created_at DESC, id DESC
              LIMIT $${params.length}`,
      values: params,
    });
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(toSummary),
      nextCursor: rows.length > limit && last ? encodeCallCursor(last.cursor_at, last.id) : null,
    };
  }
}

function toSummary(r: CallListRow): BusinessCallSummary {
  return {
    id: r.id,
    direction: r.direction,
    status: r.status,
    from: r.from_e164,
    to: r.to_e164,
    createdAt: r.created,
    startedAt: r.started,
    endedAt: r.ended,
    durationSeconds: r.duration_seconds,
    endedReason: r.ended_reason,
    summary: r.summary,
    callerName: r.caller_name,
    inboundRoute: r.inbound_route,
  };
}
