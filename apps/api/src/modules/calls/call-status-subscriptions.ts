import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../../config/app-config';
import { CallStatusChange, callStatusChannel } from './call-status-notifier';

export type CallStatusListener = (change: CallStatusChange) => void;

/**
 * The listening side of CallStatusNotifier: one Redis subscriber connection per process, shared
 * by every open event stream, with a reference count per call channel (a channel is dropped when
 * its last listener leaves). The connection is opened on first use, so processes that never
 * stream (the worker) never open it.
 */
@Injectable()
export class CallStatusSubscriptions implements OnApplicationShutdown {
  private readonly logger = new Logger(CallStatusSubscriptions.name);
  private subscriber: Redis | null = null;
  private readonly listeners = new Map<string, Set<CallStatusListener>>();

  constructor(private readonly config: AppConfig) {}

  /** Listens to one call's changes; resolves once Redis confirmed the subscription. Returns the way out. */
  async subscribe(callId: string, listener: CallStatusListener): Promise<() => void> {
    const channel = callStatusChannel(callId);
    const connection = this.connection();
    let set = this.listeners.get(channel);
    if (!set) {
      set = new Set();
      this.listeners.set(channel, set);
      set.add(listener);
      try {
        await connection.subscribe(channel);
      } catch (err) {
        this.drop(channel, set, listener);
        throw err;
      }
    } else {
      set.add(listener);
    }
    const joined = set;
    return () => this.drop(channel, joined, listener);
  }

  /** How many channels are listened to (tests: every stream cleans up after itself). */
  get channelCount(): number {
    return this.listeners.size;
  }

  private drop(channel: string, set: Set<CallStatusListener>, listener: CallStatusListener): void {
    set.delete(listener);
    if (set.size > 0 || this.listeners.get(channel) !== set) return;
    this.listeners.delete(channel);
    // Issued in the same tick as the map change, so it reaches Redis before any later re-subscribe.
    this.subscriber?.unsubscribe(channel).catch(() => undefined);
  }

  private connection(): Redis {
    if (this.subscriber) return this.subscriber;
    const subscriber = new Redis(this.config.env.REDIS_URL, {
      connectTimeout: 2000,
      // A subscriber re-subscribes by itself after a reconnect; commands wait for the connection.
      maxRetriesPerRequest: 1,
      retryStrategy: (times) => Math.min(times * 200, 2000),
    });
    let warned = false;
    subscriber.on('error', (err: Error) => {
      if (!warned) this.logger.warn(`redis (call status subscriber) unavailable: ${err.message}`);
      warned = true;
    });
    subscriber.on('ready', () => {
      warned = false;
    });
    subscriber.on('message', (channel: string, message: string) => {
      const set = this.listeners.get(channel);
      if (!set) return;
      let change: CallStatusChange;
      try {
        change = JSON.parse(message) as CallStatusChange;
      } catch {
        return;
      }
      for (const listener of [...set]) {
        try {
          listener(change);
        } catch (err) {
          this.logger.warn({ channel, err: (err as Error).message }, 'call status listener failed');
        }
      }
    });
    this.subscriber = subscriber;
    return subscriber;
  }

  async onApplicationShutdown(): Promise<void> {
    this.listeners.clear();
    const subscriber = this.subscriber;
    this.subscriber = null;
    if (subscriber) await subscriber.quit().catch(() => subscriber.disconnect());
  }
}
