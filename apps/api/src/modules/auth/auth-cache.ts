import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type Redis from 'ioredis';
import type { MemberRole } from '@beaker/contracts';
import { Clock } from '../../common/clock';
import { RedisService } from '../../common/redis/redis.service';
import type { UserActor } from './access/actor';

/** How long an entry answers without asking the database: the backstop if an invalidation is lost. */
export const AUTH_CACHE_TTL_MS = 5_000;
/** At most this many sessions per process (≈ 0.5 KB each); the oldest entry goes first. */
export const AUTH_CACHE_MAX_SESSIONS = 10_000;
/** At most this many (business, user) → role pairs per process. */
export const AUTH_CACHE_MAX_MEMBERSHIPS = 20_000;
const WARN_EVERY_MS = 60_000;

/** A live session as the guard needs it. Frozen: one object serves many requests. */
export interface CachedSession {
  readonly actor: UserActor;
  readonly expiresAt: Date;
  /** When the session was created: it never slides past SESSION_MAX_LIFETIME_MS after it. */
  readonly createdAt: Date;
}

/**
 * What changed, as published on the channel:
 * `s:<sessionId>` one session signed out · `u:<userId>` the user's sessions, role or suspension ·
 * `m:<businessId>:<userId>` one membership.
 */
type Invalidation = `s:${string}` | `u:${string}` | `m:${string}:${string}`;

interface Entry<V> {
  value: V;
  /** Clock time (ms) it was loaded. */
  at: number;
}

/** A Map with a size bound (the oldest insertion goes first) and a TTL checked on read. */
export class BoundedTtlMap<V> {
  private readonly entries = new Map<string, Entry<V>>();

  constructor(
    private readonly maxEntries: number,
    private readonly ttlMs: number,
  ) {}

  get size(): number {
    return this.entries.size;
  }

  /** The value if loaded less than the TTL ago (an entry from the "future", after a clock jump, is stale too). */
  get(key: string, now: number): V | undefined {
    const entry = this.entries.get(key);
    if (!entry) return undefined;
    const age = now - entry.at;
    if (age < 0 || age >= this.ttlMs) {
      this.entries.delete(key);
      return undefined;
    }
    return entry.value;
  }

  set(key: string, value: V, now: number): void {
    this.entries.delete(key);
    this.entries.set(key, { value, at: now });
    if (this.entries.size > this.maxEntries) this.entries.delete(this.entries.keys().next().value as string);
  }

  /** Replaces the value of an entry still present, keeping its age. */
  replace(key: string, value: V): void {
    const entry = this.entries.get(key);
    if (entry) entry.value = value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }

  deleteWhere(predicate: (value: V, key: string) => boolean): void {
    for (const [key, entry] of this.entries) if (predicate(entry.value, key)) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}

/**
 * A short-lived, per-process cache of what every signed-in request asks: the session behind a
 * cookie (by the cookie's hash) and a user's role in a business. See README.md ("Caching").
 *
 * - Positive answers only: an unknown token or a non-member is asked of the database every time,
 *   so nobody can fill memory with made-up cookies; entries need a real session.
 * - Changes are published on Redis (`invalidate…`), after the database commit, and every process
 *   drops the entries at once; the TTL is the backstop for a lost message.
 * - Used only while this process is subscribed: while the subscription is down (Redis outage) the
 *   cache is bypassed, and it is emptied when the subscription comes back (messages may be lost).
 * - Concurrent misses for one key share one load; a load that overlapped an invalidation is
 *   returned to its callers but not kept.
 */
@Injectable()
export class AuthCache implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuthCache.name);
  private readonly sessions = new BoundedTtlMap<CachedSession>(AUTH_CACHE_MAX_SESSIONS, AUTH_CACHE_TTL_MS);
  private readonly roles = new BoundedTtlMap<MemberRole>(AUTH_CACHE_MAX_MEMBERSHIPS, AUTH_CACHE_TTL_MS);
  private readonly loadingSessions = new Map<string, Promise<CachedSession | null>>();
  private readonly loadingRoles = new Map<string, Promise<MemberRole | null>>();
  /** Bumped by every invalidation: a load that started before one is not kept. */
  private generation = 0;
  private subscriber: Redis | null = null;
  private subscribed = false;
  private lastWarningAt = 0;
  readonly channel: string;

  constructor(
    private readonly redis: RedisService,
    private readonly clock: Clock,
    private readonly adapterHost: HttpAdapterHost,
  ) {
    // Pub/sub channels ignore SELECT: the db number keeps environments sharing a Redis apart.
    this.channel = `beaker:auth-invalidate:${redis.client.options.db ?? 0}`;
  }

  /** Whether answers may come from memory (this process is subscribed to invalidations). */
  get live(): boolean {
    return this.subscribed;
  }

  /** Entry counts, for tests and diagnostics. */
  get size(): { sessions: number; memberships: number } {
    return { sessions: this.sessions.size, memberships: this.roles.size };
  }

  /** HTTP processes only: the worker authenticates nobody, so it neither subscribes nor caches. */
  onApplicationBootstrap(): void {
    if (this.adapterHost.httpAdapter) this.subscribe();
  }

  onApplicationShutdown(): void {
    this.subscribed = false;
    this.subscriber?.removeAllListeners('ready');
    this.clear(); // RedisService closes the connection
  }

  // --- sessions, by the SHA-256 of the cookie value -------------------------------------------

  cachedSession(tokenHash: string): CachedSession | undefined {
    return this.subscribed ? this.sessions.get(tokenHash, this.clock.now().getTime()) : undefined;
  }

  /** Loads through `load` (one load for concurrent callers) and keeps a live session. */
  loadSession(tokenHash: string, load: () => Promise<CachedSession | null>): Promise<CachedSession | null> {
    return this.singleFlight(this.loadingSessions, tokenHash, load, (session) => {
      this.sessions.set(tokenHash, freezeSession(session), this.clock.now().getTime());
    });
  }

  /** The expiry moved (sliding refresh): later requests must not refresh again. */
  sessionExtended(tokenHash: string, session: CachedSession): void {
    this.sessions.replace(tokenHash, freezeSession(session));
  }

  /** Drops one entry here only (e.g. a refresh found the session gone). */
  forgetSession(tokenHash: string): void {
    this.sessions.delete(tokenHash);
  }

  // --- memberships ---------------------------------------------------------------------------

  cachedRole(businessId: string, userId: string): MemberRole | undefined {
    return this.subscribed ? this.roles.get(membershipKey(businessId, userId), this.clock.now().getTime()) : undefined;
  }

  /** Loads through `load`; a role is kept, "not a member" is not. */
  loadRole(businessId: string, userId: string, load: () => Promise<MemberRole | null>): Promise<MemberRole | null> {
    const key = membershipKey(businessId, userId);
    return this.singleFlight(this.loadingRoles, key, load, (role) => this.roles.set(key, role, this.clock.now().getTime()));
  }

  // --- invalidation: call AFTER the change is committed ----------------------------------------

  /** One session was signed out or revoked. */
  invalidateSession(sessionId: string): Promise<void> {
    return this.publish(`s:${sessionId}`);
  }

  /** Anything about a user that a session carries: signed out everywhere, role, email, suspension. */
  invalidateUser(userId: string): Promise<void> {
    return this.publish(`u:${userId}`);
  }

  /** A user left a business or changed role in it. (Joining needs nothing: non-members are not cached.) */
  invalidateMembership(businessId: string, userId: string): Promise<void> {
    return this.publish(`m:${businessId.toLowerCase()}:${userId.toLowerCase()}`);
  }

  /** Drops here at once, then tells every process (this one hears it again, harmlessly). Redis down → the TTL. */
  private async publish(message: Invalidation): Promise<void> {
    this.apply(message);
    try {
      await this.redis.client.publish(this.channel, message);
    } catch (err) {
      this.warn(`could not publish an auth cache invalidation, other instances catch up within ${AUTH_CACHE_TTL_MS} ms: ${(err as Error).message}`);
    }
  }

  private apply(message: string): void {
    this.generation++;
    const [kind, a, b] = message.split(':');
    if (kind === 's') {
      this.sessions.deleteWhere((s) => s.actor.sessionId === a);
    } else if (kind === 'u') {
      this.sessions.deleteWhere((s) => s.actor.user.id === a);
      this.roles.deleteWhere((_role, key) => key.endsWith(`:${a}`));
    } else if (kind === 'm') {
      this.roles.delete(`${a}:${b}`);
    } else {
      this.clear(); // a message from a newer version: be safe
    }
    // Later requests must not join a load that may have read the old state.
    this.loadingSessions.clear();
    this.loadingRoles.clear();
  }

  private clear(): void {
    this.generation++;
    this.sessions.clear();
    this.roles.clear();
    this.loadingSessions.clear();
    this.loadingRoles.clear();
  }

  private singleFlight<V>(loading: Map<string, Promise<V | null>>, key: string, load: () => Promise<V | null>, keep: (value: V) => void): Promise<V | null> {
    const pending = loading.get(key);
    if (pending) return pending;
    const generation = this.generation;
    const promise = load().then(
      (value) => {
        if (loading.get(key) === promise) loading.delete(key);
        if (value !== null && this.subscribed && this.generation === generation) keep(value);
        return value;
      },
      (err: unknown) => {
        if (loading.get(key) === promise) loading.delete(key);
        throw err;
      },
    );
    loading.set(key, promise);
    return promise;
  }

  private subscribe(): void {
    if (this.subscriber) return;
    const subscriber = this.redis.createSubscriberConnection();
    this.subscriber = subscriber;
    subscriber.on('message', (channel: string, message: string) => {
      if (channel === this.channel) this.apply(message);
    });
    // On every (re)connection: subscribe, and only then trust memory again, starting empty
    // (whatever was published while we were away is lost).
    subscriber.on('ready', () => {
      subscriber.subscribe(this.channel).then(
        () => {
          this.clear();
          this.subscribed = true;
        },
        (err: Error) => this.warn(`auth cache: could not subscribe to invalidations: ${err.message}`),
      );
    });
    subscriber.on('close', () => {
      if (!this.subscribed) return;
      this.subscribed = false;
      this.clear();
      this.warn('auth cache: invalidations unavailable (Redis); every request reads the database until they are back');
    });
  }

  private warn(message: string): void {
    const now = Date.now();
    if (now - this.lastWarningAt < WARN_EVERY_MS) return;
    this.lastWarningAt = now;
    this.logger.warn(message);
  }
}

function membershipKey(businessId: string, userId: string): string {
  return `${businessId.toLowerCase()}:${userId.toLowerCase()}`;
}

function freezeSession(session: CachedSession): CachedSession {
  Object.freeze(session.actor.user);
  Object.freeze(session.actor);
  return Object.freeze({ actor: session.actor, expiresAt: session.expiresAt, createdAt: session.createdAt });
}
