import { BeforeApplicationShutdown, Injectable, Logger } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { isForwardCallMove, isTerminalCallStatus, type CallStatus, type CallStatusEvent } from '@beaker/contracts';
import { Clock } from '../../common/clock';
import { CallStatusSubscriptions } from './call-status-subscriptions';
import { CallStreamsFull, TooManyCallStreams } from './calls.errors';
import { CallsRepository } from './calls.repository';

export interface StreamTimings {
  /** A comment line this often keeps proxies from closing an idle stream; the viewer's access is re-checked at each. */
  heartbeatMs: number;
  /** Only while Redis has not confirmed the subscription: the database is read this often instead. */
  recheckMs: number;
  /** Streams end after this long; EventSource reconnects by itself. */
  maxLifetimeMs: number;
  /** How long to wait for Redis to confirm the subscription before streaming without it. */
  subscribeTimeoutMs: number;
}

export const DEFAULT_STREAM_TIMINGS: StreamTimings = { heartbeatMs: 15_000, recheckMs: 5_000, maxLifetimeMs: 10 * 60_000, subscribeTimeoutMs: 1_500 };

export interface StreamLimits {
  /** Open streams per viewer (a user, or an API key) on one instance: beyond it, 429 CALLS.TOO_MANY_STREAMS. */
  perViewer: number;
  /** Open streams on one instance: beyond it, 503 CALLS.STREAMS_FULL (the SPA polls instead). */
  perInstance: number;
}

export const DEFAULT_STREAM_LIMITS: StreamLimits = { perViewer: 5, perInstance: 1_000 };

/** A place held for one stream: `stream()` takes it over and gives it back when the stream ends. */
export interface StreamSlot {
  release(): void;
}

export interface StreamOptions {
  /** The slot `reserve()` gave (released when the stream ends). */
  slot?: StreamSlot;
  /** Asked at each heartbeat: false (or a throw) ends the stream (signed out, revoked, suspended). */
  stillAllowed?: () => Promise<boolean>;
}

interface CallState {
  status: CallStatus;
  endedReason: string | null;
}

/**
 * GET /v1/calls/:id/events: Server-Sent Events of a call's status. Subscribes first, then sends the
 * current state (so no change falls in between), then each forward change; ends after a terminal
 * status. The browser's EventSource reconnects by itself; the SPA polls when streams fail.
 */
@Injectable()
export class CallEventStreams implements BeforeApplicationShutdown {
  private readonly logger = new Logger(CallEventStreams.name);
  private readonly open = new Set<() => void>();
  private readonly perViewer = new Map<string, number>();
  private reserved = 0;
  timings: StreamTimings = DEFAULT_STREAM_TIMINGS;
  limits: StreamLimits = DEFAULT_STREAM_LIMITS;

  constructor(
    private readonly calls: CallsRepository,
    private readonly subscriptions: CallStatusSubscriptions,
    private readonly clock: Clock,
  ) {}

  /** Streams open right now (tests check that a closed client is cleaned up). */
  get openCount(): number {
    return this.open.size;
  }

  /**
   * Holds a place for one more stream of this viewer, or refuses (before anything is streamed, so
   * the refusal is an ordinary problem+json answer). In memory: the caps are per instance.
   */
  reserve(viewer: string): StreamSlot {
    const held = this.perViewer.get(viewer) ?? 0;
    if (held >= this.limits.perViewer) throw new TooManyCallStreams(`At most ${this.limits.perViewer} live call views at once`);
    if (this.reserved >= this.limits.perInstance) throw new CallStreamsFull();
    this.perViewer.set(viewer, held + 1);
    this.reserved++;
    let released = false;
    return {
      release: () => {
        if (released) return;
        released = true;
        this.reserved--;
        const left = (this.perViewer.get(viewer) ?? 1) - 1;
        if (left > 0) this.perViewer.set(viewer, left);
        else this.perViewer.delete(viewer);
      },
    };
  }

  /** Places held right now (tests: every ended stream gives its place back). */
  get reservedCount(): number {
    return this.reserved;
  }

  async stream(callId: string, request: IncomingMessage, response: ServerResponse, headers: Record<string, string> = {}, options: StreamOptions = {}): Promise<void> {
    response.writeHead(200, {
      'content-type': 'text/event-stream; charset=utf-8',
      'cache-control': 'no-cache, no-transform',
      connection: 'keep-alive',
      // nginx and friends: do not buffer the stream.
      'x-accel-buffering': 'no',
      ...headers,
    });
    response.write('retry: 2000\n\n');

    let last: CallStatus | null = null;
    let ended = false;
    let unsubscribe: (() => void) | null = null;
    const timers: NodeJS.Timeout[] = [];

    const finish = (): void => {
      if (ended) return;
      ended = true;
      for (const t of timers) clearInterval(t);
      unsubscribe?.();
      options.slot?.release();
      this.open.delete(finish);
      if (!response.writableEnded) response.end();
    };
    this.open.add(finish);
    request.on('close', finish);
    response.on('close', finish);

    const send = (state: CallState, at: string): void => {
      if (ended) return;
      if (last !== null && !isForwardCallMove(last, state.status)) return;
      last = state.status;
      const event: CallStatusEvent = { callId, status: state.status, endedReason: state.endedReason, at };
      response.write(`event: status\ndata: ${JSON.stringify(event)}\n\n`);
      if (isTerminalCallStatus(state.status)) finish();
    };

    const subscribing = this.subscriptions.subscribe(callId, (change) => send(change, change.at));
    const adopt = (leave: () => void): void => {
      if (ended) leave();
      else unsubscribe = leave;
    };
    try {
      adopt(await withTimeout(subscribing, this.timings.subscribeTimeoutMs));
    } catch (err) {
      // Redis is slow or away: the periodic re-read below still moves the screen along.
      this.logger.warn({ callId, err: (err as Error).message }, 'call events: streaming without Redis for now');
      subscribing.then(adopt, () => undefined);
    }
    if (ended) return;

    const recheck = async (): Promise<void> => {
      // Subscribed: changes arrive by Redis, the database is not polled.
      if (unsubscribe !== null) return;
      try {
        const state = await this.read(callId);
        if (state) send(state, this.clock.now().toISOString());
        else finish();
      } catch (err) {
        this.logger.warn({ callId, err: (err as Error).message }, 'call events: could not read the call');
      }
    };
    // The current state, read once (after subscribing, so no change falls in between).
    try {
      const state = await this.read(callId);
      if (state) send(state, this.clock.now().toISOString());
      else finish();
    } catch (err) {
      this.logger.warn({ callId, err: (err as Error).message }, 'call events: could not read the call');
    }
    if (ended) return;
    const heartbeat = async (): Promise<void> => {
      if (ended) return;
      if (options.stillAllowed) {
        const allowed = await options.stillAllowed().catch(() => false);
        if (!allowed) return finish();
      }
      if (!ended) response.write(': keep-alive\n\n');
    };
    timers.push(
      setInterval(() => void heartbeat(), this.timings.heartbeatMs),
      setInterval(() => void recheck(), this.timings.recheckMs),
      setTimeout(finish, this.timings.maxLifetimeMs),
    );
  }

  private read(callId: string): Promise<CallState | null> {
    return this.calls.state(callId);
  }

  beforeApplicationShutdown(): void {
    // Open streams would hold the HTTP server's close forever.
    for (const finish of [...this.open]) finish();
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err: unknown) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
