import { Injectable } from '@nestjs/common';
import { randomInt, randomUUID } from 'node:crypto';
import type { TrialResponse, VerificationSent, VerificationState } from '@beaker/contracts';
import { Clock } from '../../common/clock';
import { hmacSha256Hex, safeEqual } from '../../common/crypto';
import { RateLimited } from '../../common/errors/common.errors';
import { RateLimiter } from '../../common/rate-limit/rate-limiter';
import { AppConfig } from '../../config/app-config';
import { Database } from '../../database/database';
import { TelephonyPort } from '../../integrations/twilio/twilio.port';
import { AbuseLog } from './abuse-log.service';
import type { Trial } from './entities/trial.entity';
import { PhoneVerificationsRepository, VerificationRow } from './persistence/phone-verifications.repository';
import { TrialsRepository } from './persistence/trials.repository';
import { TrialAssistants } from './trial-assistants.service';
import { TRIAL_RULES, VERIFICATION_SMS_PER_PHONE } from './trial-rules';
import { effectiveTrialStatus } from './trial-view';
import { ClientInfo, TrialsService } from './trials.service';
import {
  CodeExpired,
  CodeInvalid,
  NoCodeSent,
  PhoneAlreadyVerified,
  ResendTooSoon,
  TrialConverted,
  TrialExpired,
  VerificationLocked,
} from './trials.errors';

const secondsUntil = (at: number, now: number): number => Math.max(1, Math.ceil((at - now) / 1000));

/**
 * "Only a verified phone is ever called": a 6-digit code by SMS (Telephony port), valid 10
 * minutes, 5 tries, a new code at most every 30 s, an hour's lock after 5 wrong tries. Only an
 * HMAC of the code is stored (keyed with the server secret, salted with the row id), so a
 * database leak does not reveal live codes.
 */
@Injectable()
export class PhoneVerificationService {
  constructor(
    private readonly db: Database,
    private readonly verifications: PhoneVerificationsRepository,
    private readonly trialRows: TrialsRepository,
    private readonly clock: Clock,
    private readonly config: AppConfig,
    private readonly telephony: TelephonyPort,
    private readonly rateLimiter: RateLimiter,
    private readonly trials: TrialsService,
    private readonly assistants: TrialAssistants,
    private readonly abuse: AbuseLog,
  ) {}

  async send(userId: string, trialId: string, client: ClientInfo): Promise<VerificationSent> {
    const trial = await this.trials.findOwned(userId, trialId);
    const now = this.clock.now();
    this.assertOpen(trial, now);
    if (trial.phoneVerifiedAt) throw new PhoneAlreadyVerified('This phone number is verified; the agent can call it');

    const code = String(randomInt(0, 1_000_000)).padStart(6, '0');
    const id = randomUUID();
    const expiresAt = new Date(now.getTime() + TRIAL_RULES.codeTtlMs);
    await this.db.transaction(async (tx) => {
      // Two quick clicks on "Send code": one text.
      await this.verifications.lockTrial(trial.id, tx);
      const latest = await this.verifications.latest(trial.id, tx);
      if (latest) this.assertMaySendAgain(latest, now.getTime());
      const perPhone = await this.rateLimiter.hit(VERIFICATION_SMS_PER_PHONE, trial.phoneE164);
      if (!perPhone.allowed) {
        await this.abuse.record({ kind: 'sms_rate_limit', userId, ip: client.ip, phoneE164: trial.phoneE164, details: { trialId: trial.id } });
        throw new RateLimited(`Too many codes were sent to this number today; try again in ${perPhone.retryAfterSeconds} s`, {
          retryAfterSeconds: perPhone.retryAfterSeconds,
        });
      }
      await this.verifications.create({ id, trialId: trial.id, phone: trial.phoneE164, codeHash: this.hashCode(id, code), sentAt: now, expiresAt }, tx);
    });

    try {
      await this.telephony.sendSms({ to: trial.phoneE164, body: this.message(code) });
    } catch (err) {
      // Not sent: do not hold the 30 s resend wait against the prospect.
      await this.verifications.delete(id);
      throw err;
    }
    return {
      sentTo: trial.phoneE164,
      expiresAt: expiresAt.toISOString(),
      resendAvailableAt: new Date(now.getTime() + TRIAL_RULES.resendAfterMs).toISOString(),
      attemptsLeft: TRIAL_RULES.codeMaxAttempts,
    };
  }

  /** Where verification stands: the pending code, when another may be sent, the lock (nothing is sent). */
  async state(userId: string, trialId: string): Promise<VerificationState> {
    const trial = await this.trials.findOwned(userId, trialId);
    const latest = await this.verifications.latest(trial.id);
    const now = this.clock.now().getTime();
    const lockedUntil = latest ? this.lockedUntil(latest) : null;
    const pending = latest && !latest.verifiedAt ? latest : null;
    const resendAt = pending ? pending.sentAt.getTime() + TRIAL_RULES.resendAfterMs : null;
    return {
      sentTo: trial.phoneE164,
      codeSentAt: pending?.sentAt.toISOString() ?? null,
      expiresAt: pending?.expiresAt.toISOString() ?? null,
      resendAvailableAt: lockedUntil && lockedUntil > now ? new Date(lockedUntil).toISOString() : resendAt && resendAt > now ? new Date(resendAt).toISOString() : null,
      attemptsLeft: pending ? Math.max(0, TRIAL_RULES.codeMaxAttempts - pending.attempts) : TRIAL_RULES.codeMaxAttempts,
      lockedUntil: lockedUntil && lockedUntil > now ? new Date(lockedUntil).toISOString() : null,
    };
  }

  /** The right code verifies the phone, creates the agent and activates the trial. */
  async confirm(userId: string, trialId: string, code: string, client: ClientInfo): Promise<TrialResponse> {
    let trial = await this.trials.findOwned(userId, trialId);
    const now = this.clock.now();
    this.assertOpen(trial, now);
    if (trial.phoneVerifiedAt) {
      if (trial.vapiAssistantId) throw new PhoneAlreadyVerified('This phone number is verified; the agent can call it');
      // Verified, but the provider failed to create the agent last time: finish the job.
      return this.trials.response(await this.assistants.ensure(trial));
    }

    const latest = await this.verifications.latest(trial.id);
    if (!latest) throw new NoCodeSent('Ask for a code first');
    this.assertNotLocked(latest, now.getTime());
    if (latest.expiresAt.getTime() <= now.getTime() || latest.attempts >= TRIAL_RULES.codeMaxAttempts) {
      throw new CodeExpired('That code has expired; ask for a new one');
    }

    // Take a try first (atomically), then compare: concurrent guesses cannot exceed 5 in all.
    const attempts = await this.verifications.takeAttempt(latest.id, TRIAL_RULES.codeMaxAttempts);
    if (attempts === null) throw this.locked(TRIAL_RULES.lockMs);

    if (!safeEqual(this.hashCode(latest.id, code), latest.codeHash)) {
      const attemptsLeft = TRIAL_RULES.codeMaxAttempts - attempts;
      if (attemptsLeft > 0) throw new CodeInvalid(`That code isn't right. ${attemptsLeft} ${attemptsLeft === 1 ? 'try' : 'tries'} left.`, { attemptsLeft });
      await this.verifications.lock(latest.id, now);
      await this.abuse.record({ kind: 'verification_locked', userId, ip: client.ip, phoneE164: trial.phoneE164, details: { trialId: trial.id } });
      throw this.locked(TRIAL_RULES.lockMs);
    }

    await this.db.transaction(async (tx) => {
      await this.verifications.markVerified(latest.id, now, tx);
      await this.trialRows.markPhoneVerified(trial.id, now, tx);
    });
    trial = (await this.trialRows.find(trial.id))!;
    return this.trials.response(await this.assistants.ensure(trial));
  }

  private assertOpen(trial: Trial, now: Date): void {
    if (trial.status === 'converted') throw new TrialConverted();
    if (effectiveTrialStatus(trial, now) === 'expired') throw new TrialExpired('This trial has ended; go live to keep your agent');
  }

  private assertMaySendAgain(latest: VerificationRow, nowMs: number): void {
    this.assertNotLocked(latest, nowMs);
    const nextAt = latest.sentAt.getTime() + TRIAL_RULES.resendAfterMs;
    if (!latest.verifiedAt && nextAt > nowMs) {
      const retryAfterSeconds = secondsUntil(nextAt, nowMs);
      throw new ResendTooSoon(`A code was just sent; you can ask for another in ${retryAfterSeconds} s`, { retryAfterSeconds });
    }
  }

  /** When the lock of 5 wrong codes ends (in the past once it has), or null when the code was never locked. */
  private lockedUntil(latest: VerificationRow): number | null {
    const lockedSince = latest.lockedAt?.getTime() ?? (latest.attempts >= TRIAL_RULES.codeMaxAttempts && !latest.verifiedAt ? latest.sentAt.getTime() : null);
    return lockedSince === null ? null : lockedSince + TRIAL_RULES.lockMs;
  }

  private assertNotLocked(latest: VerificationRow, nowMs: number): void {
    const until = this.lockedUntil(latest);
    if (until === null) return;
    if (until > nowMs) throw this.locked(until - nowMs);
    // The lock has passed: only a new code helps (confirm says so; send goes ahead).
  }

  private locked(remainingMs: number): VerificationLocked {
    const retryAfterSeconds = Math.max(1, Math.ceil(remainingMs / 1000));
    return new VerificationLocked(`Too many wrong codes; you can ask for a new code in ${Math.ceil(retryAfterSeconds / 60)} min`, {
      retryAfterSeconds,
      attemptsLeft: 0,
    });
  }

  private hashCode(verificationId: string, code: string): string {
    return hmacSha256Hex(this.config.env.SESSION_SECRET, `phone-verification:${verificationId}:${code.trim()}`);
  }

  /** The last line lets browsers offer the code for autofill (WebOTP: "@host #code"). */
  private message(code: string): string {
    const host = new URL(this.config.appUrl).host;
    return `Your Beaker code is ${code}. It expires in ${Math.round(TRIAL_RULES.codeTtlMs / 60_000)} minutes. Don't share it with anyone.\n\n@${host} #${code}`;
  }
}
