import { Injectable } from '@nestjs/common';
import type { CreateTrialRequest, Industry, Page, TrialResponse } from '@beaker/contracts';
import { Clock } from '../../common/clock';
import type { SearchTerms, StaffSearchMatch } from '../../common/staff-search/search-terms';
import { NotFound, RateLimited } from '../../common/errors/common.errors';
import { PageQueryDto } from '../../common/http/pagination';
import { IdempotencyService } from '../../common/idempotency/idempotency.service';
import { RateLimiter } from '../../common/rate-limit/rate-limiter';
import { ipBucket } from '../../common/rate-limit/ip-bucket';
import type { Tx } from '../../database/database';
import { CallsService } from '../calls';
import { callablePhoneE164, phoneRefusalOf } from '../compliance';
import { AbuseLog } from './abuse-log.service';
import { isDisposableEmail } from './disposable-email';
import type { Trial } from './entities/trial.entity';
import { TrialsRepository } from './persistence/trials.repository';
import { TrialBlocksService } from './trial-blocks.service';
import { TRIAL_CREATION_PER_IP, TRIAL_RULES } from './trial-rules';
import { toTrialResponse } from './trial-view';
import { DisposableEmailRefused, InvalidTrialPhone, PhoneTrialLimit, TrialsBlocked, UserTrialLimit } from './trials.errors';

/** Where a request came from: kept with abuse events and with the consent a "Call me" click gives. */
export interface ClientInfo {
  ip: string | null;
  userAgent: string | null;
  pageUrl?: string | null;
}

/** How far a person got in their trials (staff's funnel): each the first time, across their trials. */
export interface TrialProgress {
  userId: string;
  /** The first trial's. */
  industry: Industry;
  startedAt: Date;
  phoneVerifiedAt: Date | null;
  callPlacedAt: Date | null;
  /** A trial call completed (the prospect picked up and talked). */
  callAnsweredAt: Date | null;
}

export interface TrialOwner {
  id: string;
  email: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The refusal in the person's terms: a toll-free number is a US number, just not one the trial texts and calls. */
function invalidPhoneMessage(typed: string): string {
  switch (phoneRefusalOf(typed)) {
    case 'toll_free':
      return 'Toll-free numbers cannot get our text or the trial call. Enter your mobile number, like (415) 555-0123.';
    case 'premium_rate':
      return 'Premium-rate numbers cannot get the trial call. Enter your mobile number, like (415) 555-0123.';
    case 'not_mobile_line':
      return 'This number cannot get our text. Enter your mobile number, like (415) 555-0123.';
    default:
      return 'Enter a US or Canadian phone number, like (415) 555-0123';
  }
}

/** Thrown inside a trial's transaction to roll it back when a limit refuses it (never leaves this file). */
const TRIAL_REFUSED = new Error('trial refused by a limit');
type TrialRefusal = { refused: 'user' | 'phone'; counts: { userTrials: number; phoneTrials: number } };

/** Trials: created with their abuse checks, listed and read by their owner. */
@Injectable()
export class TrialsService {
  constructor(
    private readonly trials: TrialsRepository,
    private readonly calls: CallsService,
    private readonly clock: Clock,
    private readonly rateLimiter: RateLimiter,
    private readonly abuse: AbuseLog,
    private readonly blocks: TrialBlocksService,
    private readonly idempotency: IdempotencyService,
  ) {}

  /**
   * A pending trial: 3 calls, 48 hours. Refused (each with its code, each logged as an abuse event
   * but the invalid phone): an invalid or non-US/CA phone; too many trials from the IP; a throwaway
   * email; a phone number or email domain staff blocked; a 4th trial for the person; a 3rd trial in
   * 30 days for the phone number.
   */
  async create(owner: TrialOwner, input: CreateTrialRequest, client: ClientInfo): Promise<TrialResponse> {
    return (await this.createIdempotently(owner, input, client, undefined)).trial;
  }

  /**
   * `create` with an Idempotency-Key (the person's own, scope `user:<id>`): a retry of the same
   * request answers the same trial for 24 hours instead of starting another one (or being refused
   * for the trial limit). The checks before the transaction (per-IP limit, blocks, throwaway email)
   * still run for a retry, so a replay counts against the per-IP limit like any request.
   */
  async createIdempotently(owner: TrialOwner, input: CreateTrialRequest, client: ClientInfo, idempotencyKey: string | undefined): Promise<{ trial: TrialResponse; replayed: boolean }> {
    const phone = callablePhoneE164(input.phone);
    if (!phone) throw new InvalidTrialPhone(invalidPhoneMessage(input.phone));

    const emailDomain = owner.email.slice(owner.email.lastIndexOf('@') + 1);
    const perIp = await this.rateLimiter.hit(TRIAL_CREATION_PER_IP, client.ip ? ipBucket(client.ip) : 'unknown');
    if (!perIp.allowed) {
      await this.abuse.record({ kind: 'ip_rate_limit', userId: owner.id, ip: client.ip, phoneE164: phone, emailDomain, details: { limit: perIp.limit, windowSeconds: TRIAL_CREATION_PER_IP.windowSeconds } });
      throw new RateLimited(`Too many trials were started from this network; try again in ${perIp.retryAfterSeconds} s`, {
        retryAfterSeconds: perIp.retryAfterSeconds,
      });
    }
    const block = await this.blocks.blockFor(phone, owner.email);
    if (block) {
      await this.abuse.record({
        kind: block.kind === 'phone' ? 'blocked_phone' : 'blocked_email_domain',
        userId: owner.id,
        ip: client.ip,
        phoneE164: phone,
        emailDomain,
        details: { blocked: block.value },
      });
      throw new TrialsBlocked('Trials are not available for this phone number or email address. Write to support if you think this is a mistake.');
    }
    if (isDisposableEmail(owner.email)) {
      await this.abuse.record({ kind: 'disposable_email', userId: owner.id, ip: client.ip, phoneE164: phone, emailDomain, details: { domain: emailDomain } });
      throw new DisposableEmailRefused('Sign in with your work or personal email address to start a trial');
    }

    const now = this.clock.now();
    let refusal: TrialRefusal | null = null;
    const request = { method: 'POST', path: 'trials', body: { ...input, phone } };
    const answer = await this.idempotency.run(`user:${owner.id}`, idempotencyKey, request, 201, async (tx) => {
      // Two tabs (or two accounts) racing for the last trial of a person or a phone: one at a time.
      await this.trials.lockPersonAndPhone(owner.id, phone, tx);
      const counts = await this.trials.counts(owner.id, phone, new Date(now.getTime() - TRIAL_RULES.phoneWindowDays * 86_400_000), now, tx);
      // A refusal rolls back (an Idempotency-Key stays free) and is logged after the transaction.
      if (counts.userTrials >= TRIAL_RULES.trialsPerUser) refusal = { refused: 'user', counts };
      else if (counts.phoneTrials >= TRIAL_RULES.trialsPerPhone) refusal = { refused: 'phone', counts };
      if (refusal) throw TRIAL_REFUSED;
      const trial = await this.trials.create(
        {
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
        },
        tx,
      );
      return toTrialResponse(trial, now, null);
    }).catch((error: unknown) => {
      if (error === TRIAL_REFUSED) return null;
      throw error;
    });

    if (answer) return { trial: answer.body, replayed: answer.replayed };
    const outcome = refusal as TrialRefusal | null;
    if (!outcome) throw new Error('trial refused without a reason');
    if (outcome.refused === 'user') {
      await this.abuse.record({ kind: 'user_trial_limit', userId: owner.id, ip: client.ip, phoneE164: phone, emailDomain, details: { trials: outcome.counts.userTrials } });
      throw new UserTrialLimit(`Each person may start ${TRIAL_RULES.trialsPerUser} trials; you have used them all. Go live to keep your agent.`, {
        limit: TRIAL_RULES.trialsPerUser,
      });
    }
    await this.abuse.record({ kind: 'phone_trial_limit', userId: owner.id, ip: client.ip, phoneE164: phone, emailDomain, details: { trials: outcome.counts.phoneTrials } });
    throw new PhoneTrialLimit(`This phone number has had ${TRIAL_RULES.trialsPerPhone} trials in the last ${TRIAL_RULES.phoneWindowDays} days.`, {
      limit: TRIAL_RULES.trialsPerPhone,
    });
  }

  /** Staff search (GET /v1/admin/search): trials by id or the prospect's phone number. */
  async searchForStaff(terms: SearchTerms): Promise<StaffSearchMatch[]> {
    const rows = await this.trials.staffSearch(terms);
    return rows.map((t) => ({
      kind: 'trial' as const,
      id: t.id,
      title: t.business_name,
      subtitle: `${t.phone_e164} · ${t.status} · ${t.calls_used}/${t.calls_limit} calls · ${t.created_at.toISOString().slice(0, 10)}`,
      url: `/admin/trials/${t.id}`,
      rank: t.rank,
    }));
  }

  async list(userId: string, query: PageQueryDto): Promise<Page<TrialResponse>> {
    const page = await this.trials.listForUser(userId, query);
    const latest = await this.calls.latestCallIdsForTrials(page.items.map((t) => t.id));
    const now = this.clock.now();
    return { items: page.items.map((t) => toTrialResponse(t, now, latest.get(t.id) ?? null)), nextCursor: page.nextCursor };
  }

  async get(userId: string, trialId: string): Promise<TrialResponse> {
    const trial = await this.findOwned(userId, trialId);
    const latest = await this.calls.latestCallIdsForTrials([trial.id]);
    return toTrialResponse(trial, this.clock.now(), latest.get(trial.id) ?? null);
  }

  /** The trial if it is this person's; anyone else's (or none) is a 404, so ids do not leak. */
  async findOwned(userId: string, trialId: string, tx?: Tx): Promise<Trial> {
    if (!UUID.test(trialId)) throw new NotFound('No such trial');
    const trial = await this.trials.findOwned(trialId, userId, tx);
    if (!trial) throw new NotFound('No such trial');
    return trial;
  }

  async response(trial: Trial): Promise<TrialResponse> {
    const latest = await this.calls.latestCallIdsForTrials([trial.id]);
    return toTrialResponse(trial, this.clock.now(), latest.get(trial.id) ?? null);
  }

  /** A trial, whoever it belongs to (for the modules that turn trials into businesses). */
  /** Of these people, those who started a trial, with how far they got (staff's funnel). */
  async progressForStaff(userIds: readonly string[]): Promise<TrialProgress[]> {
    const rows = await this.trials.trialProgressOf(userIds);
    const calls = new Map((await this.calls.trialCallOutcomes(rows.flatMap((r) => r.trial_ids))).map((c) => [c.trialId, c]));
    const earliest = (dates: (Date | null | undefined)[]) => dates.reduce<Date | null>((a, d) => (d && (!a || d < a) ? d : a), null);
    return rows.map((r) => ({
      userId: r.user_id,
      industry: r.industry as Industry,
      startedAt: r.started_at,
      phoneVerifiedAt: r.phone_verified_at,
      callPlacedAt: earliest(r.trial_ids.map((id) => calls.get(id)?.placedAt)),
      callAnsweredAt: earliest(r.trial_ids.map((id) => calls.get(id)?.answeredAt)),
    }));
  }

  find(trialId: string, tx?: Tx): Promise<Trial | null> {
    return UUID.test(trialId) ? this.trials.find(trialId, tx) : Promise.resolve(null);
  }

  /** A person's trial, locked until `tx` ends (going live reads and converts it in one transaction). */
  lockOwned(trialId: string, userId: string, tx: Tx): Promise<Trial | null> {
    return UUID.test(trialId) ? this.trials.lockOwned(trialId, userId, tx) : Promise.resolve(null);
  }

  /** The trial became a business: it says so from now on (idempotent). */
  markConverted(trialId: string, tx?: Tx): Promise<void> {
    return this.trials.markConverted(trialId, this.clock.now(), tx);
  }
}
