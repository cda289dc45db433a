import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager } from 'typeorm';
import type { CreateTrialRequest, Page, TrialResponse } from '@beaker/contracts';
import { Clock } from '../../common/clock';
import { NotFound, RateLimited } from '../../common/errors/common.errors';
import { PageQueryDto, paginate } from '../../common/http/pagination';
import { RateLimiter } from '../../common/rate-limit/rate-limiter';
import { AbuseLog } from './abuse-log';
import { isDisposableEmail } from './disposable-email';
import { Trial } from './entities/trial.entity';
import { TRIAL_CREATION_PER_IP, TRIAL_RULES } from './trial-rules';
import { trialPhoneE164 } from './trial-phone';
import { toTrialResponse } from './trial-view';
import { DisposableEmailRefused, InvalidTrialPhone, PhoneTrialLimit, UserTrialLimit } from './trials.errors';

/** Where a request came from: kept with abuse events and with the consent a "Call me" click gives. */
export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
  pageUrl?: string | null;
}

export interface TrialOwner {
  id: string;
  email: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Trials: created with their abuse checks, listed and read by their owner. */
@Injectable()
export class TrialsService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
    private readonly rateLimiter: RateLimiter,
    private readonly abuse: AbuseLog,
  ) {}

  /**
   * A pending trial: 3 calls, 48 hours. Refused (each with its code, each logged as an abuse event
   * but the invalid phone): an invalid or non-US/CA phone; too many trials from the IP; a throwaway
   * email; a 4th trial for the person; a 3rd trial in 30 days for the phone number.
   */
  async create(owner: TrialOwner, input: CreateTrialRequest, client: ClientInfo): Promise<TrialResponse> {
    const phone = trialPhoneE164(input.phone);
    if (!phone) throw new InvalidTrialPhone('Enter a US or Canadian phone number, like (415) 555-0123');

    const perIp = await this.rateLimiter.hit(TRIAL_CREATION_PER_IP, client.ip ?? 'unknown');
    if (!perIp.allowed) {
      await this.abuse.record({ kind: 'ip_rate_limit', userId: owner.id, ip: client.ip, phoneE164: phone, details: { limit: perIp.limit, windowSeconds: TRIAL_CREATION_PER_IP.windowSeconds } });
      throw new RateLimited(`Too many trials were started from this network; try again in ${perIp.retryAfterSeconds} s`, {
        retryAfterSeconds: perIp.retryAfterSeconds,
      });
    }
    if (isDisposableEmail(owner.email)) {
      const domain = owner.email.slice(owner.email.lastIndexOf('@') + 1);
      await this.abuse.record({ kind: 'disposable_email', userId: owner.id, ip: client.ip, phoneE164: phone, details: { domain } });
      throw new DisposableEmailRefused('Sign in with your work or personal email address to start a trial');
    }

    const now = this.clock.now();
    const outcome = await this.db.transaction(async (m) => {
      // Two tabs (or two accounts) racing for the last trial of a person or a phone: one at a time.
      await m.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0)), pg_advisory_xact_lock(hashtextextended($2, 0))`, [
        `trials:user:${owner.id}`,
        `trials:phone:${phone}`,
      ]);
      const [counts]: { userTrials: number; phoneTrials: number }[] = await m.query(
        `SELECT (SELECT count(*) FROM trials WHERE user_id = $1)::int AS "userTrials",
                (SELECT count(*) FROM trials WHERE phone_e164 = $2 AND created_at > $3)::int AS "phoneTrials"`,
        [owner.id, phone, new Date(now.getTime() - TRIAL_RULES.phoneWindowDays * 86_400_000)],
      );
      if (counts.userTrials >= TRIAL_RULES.trialsPerUser) return { refused: 'user' as const, counts };
      if (counts.phoneTrials >= TRIAL_RULES.trialsPerPhone) return { refused: 'phone' as const, counts };
      const trial = await m.getRepository(Trial).save(
        m.create(Trial, {
          userId: owner.id,
          industry: input.industry,
          businessName: input.businessName.trim(),
          scenario: input.scenario,
          phoneE164: phone,
          phoneVerifiedAt: null,
          vapiAssistantId: null,
          assistantConfig: {},
          callsUsed: 0,
          callsLimit: TRIAL_RULES.callsLimit,
          status: 'pending',
          expiresAt: new Date(now.getTime() + TRIAL_RULES.durationMs),
          createdAt: now,
          updatedAt: now,
        }),
      );
      return { trial };
    });

    if (outcome.trial) return toTrialResponse(outcome.trial, now, null);
    if (outcome.refused === 'user') {
      await this.abuse.record({ kind: 'user_trial_limit', userId: owner.id, ip: client.ip, phoneE164: phone, details: { trials: outcome.counts.userTrials } });
      throw new UserTrialLimit(`Each person may start ${TRIAL_RULES.trialsPerUser} trials; you have used them all. Go live to keep your agent.`, {
        limit: TRIAL_RULES.trialsPerUser,
      });
    }
    await this.abuse.record({ kind: 'phone_trial_limit', userId: owner.id, ip: client.ip, phoneE164: phone, details: { trials: outcome.counts.phoneTrials } });
    throw new PhoneTrialLimit(`This phone number has had ${TRIAL_RULES.trialsPerPhone} trials in the last ${TRIAL_RULES.phoneWindowDays} days.`, {
      limit: TRIAL_RULES.trialsPerPhone,
    });
  }

  async list(userId: string, query: PageQueryDto): Promise<Page<TrialResponse>> {
    const page = await paginate(this.db.getRepository(Trial).createQueryBuilder('trial').where('trial.userId = :userId', { userId }), query);
    const latest = await this.latestCallIds(page.items.map((t) => t.id));
    const now = this.clock.now();
    return { items: page.items.map((t) => toTrialResponse(t, now, latest.get(t.id) ?? null)), nextCursor: page.nextCursor };
  }

  async get(userId: string, trialId: string): Promise<TrialResponse> {
    const trial = await this.findOwned(userId, trialId);
    const latest = await this.latestCallIds([trial.id]);
    return toTrialResponse(trial, this.clock.now(), latest.get(trial.id) ?? null);
  }

  /** The trial if it is this person's; anyone else's (or none) is a 404, so ids do not leak. */
  async findOwned(userId: string, trialId: string, manager: EntityManager = this.db.manager): Promise<Trial> {
    if (!UUID.test(trialId)) throw new NotFound('No such trial');
    const trial = await manager.getRepository(Trial).findOne({ where: { id: trialId, userId } });
    if (!trial) throw new NotFound('No such trial');
    return trial;
  }

  async response(trial: Trial): Promise<TrialResponse> {
    const latest = await this.latestCallIds([trial.id]);
    return toTrialResponse(trial, this.clock.now(), latest.get(trial.id) ?? null);
  }

  private async latestCallIds(trialIds: string[]): Promise<Map<string, string>> {
    if (trialIds.length === 0) return new Map();
    const rows: { trialId: string; id: string }[] = await this.db.query(
      `SELECT DISTINCT ON (trial_id) trial_id AS "trialId", id FROM calls WHERE trial_id = ANY($1::uuid[]) ORDER BY trial_id, created_at DESC, id DESC`,
      [trialIds],
    );
    return new Map(rows.map((r) => [r.trialId, r.id]));
  }
}
