import { Injectable } from '@nestjs/common';
import { JobName, JobPayloads } from '../../common/queue/jobs';
import { RedisService } from '../../common/redis/redis.service';

export const WORKER_HEARTBEAT_KEY = 'beaker:worker:last-ping';

@Injectable()
export class HealthPing {
  constructor(private readonly redis: RedisService) {}

  /** Proves that a worker takes jobs: records when the ping was processed. */
  async ping(payload: JobPayloads[JobName.Ping]): Promise<{ pong: string }> {
    const holdMs = Math.min(payload.holdMs ?? 0, 30000);
    if (holdMs > 0) await new Promise((resolve) => setTimeout(resolve, holdMs));
    await this.redis.client.set(WORKER_HEARTBEAT_KEY, payload.at, 'EX', 3600);
    return { pong: payload.at };
  }
}
