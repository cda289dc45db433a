import { Injectable, Logger } from '@nestjs/common';
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

/**
 * Readiness: whether Postgres and Redis answer. The answer is public (load balancers ask it), so it
 * names what is down and nothing more; why (a driver's message can carry host names, users and
 * addresses) is logged for operators.
 */
@Injectable()
export class HealthService {
  private readonly logger = new Logger('Health');

  constructor(
    private readonly db: Database,
    private readonly redis: RedisService,
  ) {}

  async check(): Promise<HealthReport> {
    const [database, redis] = await Promise.all([
      this.probe('database', () => this.db.ping()),
      this.probe('redis', () => this.redis.client.ping()),
    ]);
    const checks = { database, redis };
    return { status: Object.values(checks).every((c) => c.status === 'up') ? 'ok' : 'unavailable', checks };
  }

  private async probe(name: string, fn: () => Promise<unknown>): Promise<{ status: 'up' | 'down' }> {
    try {
      await withTimeout(fn(), CHECK_TIMEOUT_MS);
      return { status: 'up' };
    } catch (err) {
      this.logger.warn({ check: name, err: (err as Error).message }, `readiness: ${name} is down`);
      return { status: 'down' };
    }
  }
}
