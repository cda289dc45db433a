import { Injectable } from '@nestjs/common';
import type { HealthReport } from '@beaker/contracts';
import { RedisService } from '../../common/redis/redis.service';
import { Database } from '../../database/database';

const CHECK_TIMEOUT_MS = 1500;

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms).unref()),
  ]);
}

@Injectable()
export class HealthService {
  constructor(
    private readonly db: Database,
    private readonly redis: RedisService,
  ) {}

  async check(): Promise<HealthReport> {
    const [database, redis] = await Promise.all([
      this.probe(() => this.db.ping()),
      this.probe(() => this.redis.client.ping()),
    ]);
    const checks = { database, redis };
    return { status: Object.values(checks).every((c) => c.status === 'up') ? 'ok' : 'unavailable', checks };
  }

  private async probe(fn: () => Promise<unknown>): Promise<{ status: 'up' | 'down'; error?: string }> {
    try {
      await withTimeout(fn(), CHECK_TIMEOUT_MS);
      return { status: 'up' };
    } catch (err) {
      return { status: 'down', error: (err as Error).message };
    }
  }
}
