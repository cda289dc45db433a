import { Injectable, Logger } from '@nestjs/common';
import type { Page } from '@beaker/contracts';
import { randomBytes, randomUUID } from 'node:crypto';
import { Clock } from '../../../common/clock';
import { PageQueryDto, paginateArray } from '../../../common/http/pagination';
import { RedisService } from '../../../common/redis/redis.service';
import { AppConfig } from '../../../config/app-config';
import { PermanentProviderError } from '../../providers.errors';
import { AvailableNumber, TelephonyPort } from '../../twilio/twilio.port';
import { TWILIO_SIGNATURE_HEADER, signTwilioRequest } from '../../twilio/twilio.webhook-signature';

export interface SandboxSms {
  id: string;
  sid: string;
  to: string;
  from: string;
  body: string;
  sentAt: string;
}

interface SandboxNumber {
  sid: string;
  e164: string;
  friendlyName?: string;
  statusCallbackUrl?: string;
  boughtAt: string;
}

const KEY = {
  outbox: 'sandbox:twilio:outbox',
  outboxTo: (to: string) => `sandbox:twilio:outbox:${to}`,
  numbers: 'sandbox:twilio:numbers',
  numberSids: 'sandbox:twilio:number-sids',
};
/** The development outbox keeps the latest messages, per recipient and in all. */
const OUTBOX_SIZE = 1000;
/** Twilio's own test "from" number, when TWILIO_FROM_NUMBER is not set. */
export const SANDBOX_FROM_NUMBER = '+15005550006';
/** NPA-555-0100 … 0199 is the range set aside for fiction: no real phone ever rings. */
const FICTIONAL = /^\+1([2-9]\d\d)55501(\d\d)$/;

/**
 * Twilio without an account: SMS land in a development outbox in Redis (shared by the api and
 * worker processes, read with GET /v1/sandbox/messages); numbers are "bought" from the fictional
 * 555-01XX range of the requested area code.
 */
@Injectable()
export class TwilioSandbox extends TelephonyPort {
  private readonly logger = new Logger('TwilioSandbox');

  constructor(
    private readonly redis: RedisService,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    super();
  }

  async sendSms(request: { to: string; body: string; from?: string }): Promise<{ sid: string }> {
    const message: SandboxSms = {
      id: randomUUID(),
      sid: `SM${randomBytes(16).toString('hex')}`,
      to: request.to,
      from: request.from ?? this.config.env.TWILIO_FROM_NUMBER ?? SANDBOX_FROM_NUMBER,
      body: request.body,
      sentAt: this.clock.now().toISOString(),
    };
    const json = JSON.stringify(message);
    await this.redis.client
      .multi()
      .lpush(KEY.outbox, json)
      .ltrim(KEY.outbox, 0, OUTBOX_SIZE - 1)
      .lpush(KEY.outboxTo(message.to), json)
      .ltrim(KEY.outboxTo(message.to), 0, OUTBOX_SIZE - 1)
      .exec();
    this.logger.log({ to: message.to, sid: message.sid }, 'sandbox SMS stored in the development outbox');
    return { sid: message.sid };
  }

  /** The outbox, newest first; all messages, or those to one number. */
  async listMessages(query: PageQueryDto & { to?: string }): Promise<Page<SandboxSms>> {
    const raw = await this.redis.client.lrange(query.to ? KEY.outboxTo(query.to) : KEY.outbox, 0, -1);
    const messages = raw.map((r) => JSON.parse(r) as SandboxSms);
    return paginateArray(messages, query, (m) => ({ at: m.sentAt, id: m.id }));
  }

  async searchAvailableNumbers(request: { areaCode?: string; country: 'US' | 'CA'; limit?: number }): Promise<AvailableNumber[]> {
    const npa = request.areaCode && /^[2-9]\d\d$/.test(request.areaCode) ? request.areaCode : request.country === 'CA' ? '416' : '415';
    const owned = new Set(await this.redis.client.hkeys(KEY.numbers));
    const found: AvailableNumber[] = [];
    for (let line = 0; line < 100 && found.length < (request.limit ?? 5); line++) {
      const e164 = `+1${npa}55501${String(line).padStart(2, '0')}`;
      if (!owned.has(e164)) found.push({ e164, locality: 'Sandbox', region: request.country === 'CA' ? 'ON' : 'CA' });
    }
    return found;
  }

  async buyNumber(request: { e164: string; friendlyName?: string; statusCallbackUrl?: string }): Promise<{ sid: string; e164: string }> {
    if (!FICTIONAL.test(request.e164)) throw this.notAvailable(request.e164);
    const number: SandboxNumber = {
      sid: `PN${randomBytes(16).toString('hex')}`,
      e164: request.e164,
      friendlyName: request.friendlyName,
      statusCallbackUrl: request.statusCallbackUrl,
      boughtAt: this.clock.now().toISOString(),
    };
    // HSETNX: two buyers of one number, one wins (like Twilio).
    const won = await this.redis.client.hsetnx(KEY.numbers, number.e164, JSON.stringify(number));
    if (!won) throw this.notAvailable(request.e164);
    await this.redis.client.hset(KEY.numberSids, number.sid, number.e164);
    return { sid: number.sid, e164: number.e164 };
  }

  async releaseNumber(sid: string): Promise<void> {
    const e164 = await this.redis.client.hget(KEY.numberSids, sid);
    if (!e164) return;
    await this.redis.client.multi().hdel(KEY.numberSids, sid).hdel(KEY.numbers, e164).exec();
  }

  /** Numbers the sandbox account owns (tests, admin). */
  async ownedNumbers(): Promise<SandboxNumber[]> {
    return Object.values(await this.redis.client.hgetall(KEY.numbers)).map((raw) => JSON.parse(raw) as SandboxNumber);
  }

  /**
   * Sends a status callback for a sandbox number the way Twilio does: form-encoded, signed with
   * TWILIO_AUTH_TOKEN in X-Twilio-Signature by Twilio's SDK. Returns the HTTP status (or the error message).
   */
  async sendStatusCallback(url: string, params: Record<string, string>): Promise<number | string> {
    const signature = signTwilioRequest(this.config.env.TWILIO_AUTH_TOKEN, url, params);
    try {
      const response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', [TWILIO_SIGNATURE_HEADER]: signature },
        body: new URLSearchParams(params).toString(),
        signal: AbortSignal.timeout(10_000),
      });
      await response.arrayBuffer().catch(() => undefined);
      return response.status;
    } catch (err) {
      return (err as Error).message;
    }
  }

  /**
   * Someone texts one of our numbers: Twilio's incoming-message webhook, signed like Twilio signs
   * it, posted to our /webhooks/twilio. The TwiML answer's message (a STOP confirmation…) is what
   * Twilio would text back: it lands in the outbox, to the sender.
   */
  async receiveSms(message: { from: string; to: string; body: string }): Promise<{ status: number; reply: string | null }> {
    const sid = `SM${randomBytes(16).toString('hex')}`;
    const params = {
      ToCountry: 'US',
      SmsMessageSid: sid,
      NumMedia: '0',
      SmsSid: sid,
      SmsStatus: 'received',
      Body: message.body,
      To: message.to,
      NumSegments: '1',
      MessageSid: sid,
      AccountSid: this.config.env.TWILIO_ACCOUNT_SID ?? 'AC00000000000000000000000000000000',
      From: message.from,
      ApiVersion: '2010-04-01',
    };
    const url = `${this.config.appUrl}/webhooks/twilio`;
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', [TWILIO_SIGNATURE_HEADER]: signTwilioRequest(this.config.env.TWILIO_AUTH_TOKEN, url, params) },
      body: new URLSearchParams(params).toString(),
      signal: AbortSignal.timeout(10_000),
    });
    const answer = await response.text();
    const reply = /<Message>([\s\S]*?)<\/Message>/.exec(answer)?.[1] ?? null;
    const text = reply === null ? null : reply.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&quot;/g, '"').replace(/&apos;/g, "'").replace(/&amp;/g, '&');
    if (text !== null) await this.sendSms({ to: message.from, from: message.to, body: text });
    return { status: response.status, reply: text };
  }

  private notAvailable(e164: string): PermanentProviderError {
    return new PermanentProviderError({
      provider: 'twilio',
      operation: 'twilio:buy_number',
      providerStatus: 400,
      providerCode: '21422',
      providerMessage: `Phone number ${e164} is not available`,
    });
  }
}
