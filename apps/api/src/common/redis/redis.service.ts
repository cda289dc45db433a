import { Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import Redis, { RedisOptions } from 'ioredis';
import { AppConfig } from '../../config/app-config';

/**
 * Redis connections. `client` fails fast while Redis is unreachable (no offline queue), so that a
 * Redis outage degrades a request instead of hanging it; it reconnects by itself.
 * `queueConnection` is the queues' (BullMQ's) and retries across outages: workers must survive
 * one; producers are kept from hanging on it by JobsService.
 */
@Injectable()
export class RedisService implements OnApplicationShutdown {
  private readonly logger = new Logger(RedisService.name);
  readonly client: Redis;
  private queues: Redis | null = null;
  private readonly extra: Redis[] = [];

  constructor(private readonly config: AppConfig) {
    this.client = this.create({ enableOfflineQueue: false, maxRetriesPerRequest: 1 }, 'main');
  }

  /**
   * The queues' connection, shared by every queue and worker of the process (BullMQ duplicates it
   * for each worker's blocking reads): commands wait across an outage rather than fail.
   */
  get queueConnection(): Redis {
    if (!this.queues) {
      this.queues = this.create({ maxRetriesPerRequest: null, enableOfflineQueue: true }, 'queues');
      this.extra.push(this.queues);
    }
    return this.queues;
  }

  /**
   * For pub/sub: a connection in subscriber mode can do nothing else. Retries forever; it does not
   * re-subscribe by itself after a reconnect (the subscriber does, so it knows when it is live).
   */
  createSubscriberConnection(): Redis {
    const connection = this.create({ maxRetriesPerRequest: null, enableOfflineQueue: true, autoResubscribe: false }, 'subscriber');
    this.extra.push(connection);
    return connection;
  }

  private create(options: RedisOptions, role: string): Redis {
    const connection = new Redis(this.config.env.REDIS_URL, {
      connectTimeout: 2000,
      lazyConnect: false,
      retryStrategy: (times) => Math.min(times * 200, 2000),
      ...options,
    });
    let warned = false;
    connection.on('error', (err: Error) => {
      if (!warned) this.logger.warn(`redis (${role}) unavailable: ${err.message}`);
      warned = true;
    });
    connection.on('ready', () => {
      if (warned) this.logger.log(`redis (${role}) is back`);
      warned = false;
    });
    return connection;
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.allSettled([this.client, ...this.extra].map((c) => c.quit().catch(() => c.disconnect())));
  }
}
