import { Injectable, Logger } from '@nestjs/common';
import { RedisService } from '../../common/redis/redis.service';
import { Database, type Tx } from '../../database/database';
import { ComplianceUnavailable } from './compliance.errors';

/**
 * A check that may end in a call holds a reservation until its transaction has ended: until then
 * its allowed decision is invisible to the other checks' facts query. This long at most, in case
 * the process dies between the reservation and the end of its transaction (wall-clock time, not
 * the app's Clock: it bounds a process's life, not a business rule).
 */
export const RESERVATION_LEASE_MS = 60_000;

const KEY = 'beaker:compliance:provider-calls-in-flight';

/**
 * KEYS[1] the in-flight set (member: the decision id the check will store, score: lease end, epoch ms).
 * ARGV: now, lease end, decision id, lease ms. Drops lapsed leases, adds this one, returns every one
 * held; the set itself goes when idle for a lease.
 */
const RESERVE_LUA = `
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[1])
redis.call('ZADD', KEYS[1], ARGV[2], ARGV[3])
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return redis.call('ZRANGE', KEYS[1], 0, -1)
`;

type ReserveCommand = (key: string, now: number, leaseEnd: number, decisionId: string, leaseMs: number) => Promise<string[]>;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The voice provider's concurrency cap without a global lock. The calls table (open calls, plus
 * allowed decisions not linked to a call yet) is the one record of calls on the provider, but a
 * check cannot see another check's uncommitted decision. So each check first reserves here, under
 * the id of the decision it will store (one atomic Redis script that also answers every
 * reservation held), THEN reads the facts, and keeps the reservation until its transaction has
 * committed (or rolled back). Of two concurrent checks, the later to reserve always counts the
 * earlier one: either its reservation is still held (it is in the answer), or it was released
 * after the commit, which the later check's facts query (a statement started after the
 * reservation) sees. Counted once, not twice: the facts query leaves out the decisions (and their
 * calls) that are in the answer, since they are counted as in flight.
 *
 * Redis unreachable → COMPLIANCE.UNAVAILABLE (503): without the in-flight count the cap cannot be
 * kept, and the check fails closed rather than over-book the provider.
 */
@Injectable()
export class ProviderCallSlots {
  private readonly logger = new Logger(ProviderCallSlots.name);

  constructor(
    private readonly redis: RedisService,
    private readonly db: Database,
  ) {
    redis.client.defineCommand('beakerReserveProviderSlot', { numberOfKeys: 1, lua: RESERVE_LUA });
  }

  /** Reserves a slot for the decision `decisionId`; answers the other decisions in flight (not committed yet, or just committed). */
  async reserve(decisionId: string): Promise<string[]> {
    const now = Date.now();
    try {
      const command = (this.redis.client as unknown as { beakerReserveProviderSlot: ReserveCommand }).beakerReserveProviderSlot;
      const held = await command.call(this.redis.client, KEY, now, now + RESERVATION_LEASE_MS, decisionId, RESERVATION_LEASE_MS);
      return held.filter((id) => id !== decisionId && UUID.test(id));
    } catch (err) {
      this.logger.error({ err: (err as Error).message }, 'cannot count calls in flight on the voice provider (Redis)');
      throw new ComplianceUnavailable('Calls in progress cannot be counted right now; try again in a moment');
    }
  }

  async release(token: string): Promise<void> {
    try {
      await this.redis.client.zrem(KEY, token);
    } catch (err) {
      // The lease ends it: until then the slot is counted twice (towards deferring, never over the cap).
      this.logger.warn({ err: (err as Error).message }, `provider slot reservation not released; it lapses within ${RESERVATION_LEASE_MS / 1000} s`);
    }
  }

  /** Releases the reservation once the transaction `tx` runs in has ended (at once if it runs in none). */
  releaseWhenTransactionEnds(tx: Tx, token: string): void {
    // Not awaited: the commit is done, the caller need not wait for the bookkeeping.
    this.db.whenTransactionEnds(tx, () => void this.release(token));
  }
}
