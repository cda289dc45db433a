import { Injectable } from '@nestjs/common';
import twilio from 'twilio';
import { AppConfig } from '../../config/app-config';
import type { BreakerName } from '../resilience/breaker-names';
import { ProviderCircuitBreakers } from '../resilience/provider-circuit-breakers';
import { PermanentProviderError, parseRetryAfter, providerHttpError, providerNetworkError } from '../providers.errors';
import { AvailableNumber, TelephonyPort } from './twilio.port';

/** An HTTP answer ≥ 400, raised by our request client so that Retry-After is not lost. */
class TwilioHttpFailure extends Error {
  constructor(
    readonly status: number,
    readonly body: { code?: number; message?: string; more_info?: string } | undefined,
    readonly headers: Record<string, unknown>,
  ) {
    super(`Twilio answered ${status}`);
  }
}

/**
 * The SDK's own client turns error answers into RestException, which drops the headers; this one
 * raises with them. Everything else (axios, auth, timeouts) is the SDK's.
 */
// The SDK's request types, named through its public RequestClient export (no deep imports).
declare const _sdkClient: InstanceType<typeof twilio.RequestClient>;
type RequestOptions<TData> = Parameters<typeof _sdkClient.request<TData>>[0];
type RequestResult<TData> = ReturnType<typeof _sdkClient.request<TData>>;

class HeaderKeepingRequestClient extends twilio.RequestClient {
  override async request<TData>(opts: RequestOptions<TData>): RequestResult<TData> {
    const response = await super.request<TData>(opts);
    if (response.statusCode >= 400) {
      const raw = response.body as unknown;
      let body: TwilioHttpFailure['body'];
      try {
        body = typeof raw === 'string' ? JSON.parse(raw) : (raw as TwilioHttpFailure['body']);
      } catch {
        body = undefined;
      }
      throw new TwilioHttpFailure(response.statusCode, body, (response.headers ?? {}) as Record<string, unknown>);
    }
    return response;
  }
}

/** Twilio, live, through its SDK (axios underneath); every call inside its breaker. */
@Injectable()
export class TwilioAdapter extends TelephonyPort {
  /** Per request; the breaker's retries come on top. */
  requestTimeoutMs = 10_000;
  /** The SDK's keep-alive agent; tests turn it off (HTTP interception does not see pooled sockets). */
  keepAlive = true;
  private client?: twilio.Twilio;

  constructor(
    private readonly config: AppConfig,
    private readonly breakers: ProviderCircuitBreakers,
  ) {
    super();
  }

  async sendSms(request: { to: string; body: string; from?: string }): Promise<{ sid: string }> {
    const from = request.from ?? this.config.env.TWILIO_FROM_NUMBER;
    // Twilio cannot deduplicate a message: retry only what surely was not sent.
    const message = await this.breakers.run(
      'twilio:send_sms',
      () => this.call('twilio:send_sms', () => this.twilio().messages.create({ to: request.to, from, body: request.body })),
      { retry: 'unsent-only' },
    );
    return { sid: message.sid };
  }

  async searchAvailableNumbers(request: { areaCode?: string; country: 'US' | 'CA'; limit?: number }): Promise<AvailableNumber[]> {
    const limit = request.limit ?? 5;
    const search = (areaCode?: number) =>
      this.breakers.run('twilio:search_numbers', () =>
        this.call('twilio:search_numbers', () =>
          this.twilio()
            .availablePhoneNumbers(request.country)
            .local.list({ ...(areaCode ? { areaCode } : {}), smsEnabled: true, voiceEnabled: true, limit }),
        ),
      );
    let found = request.areaCode ? await search(Number(request.areaCode)) : [];
    // Prefer the area code; any number of the country otherwise.
    if (!found.length) found = await search();
    return found.map((n) => ({ e164: n.phoneNumber, locality: n.locality ?? undefined, region: n.region ?? undefined }));
  }

  async buyNumber(request: { e164: string; friendlyName?: string; statusCallbackUrl?: string }): Promise<{ sid: string; e164: string }> {
    const bought = await this.breakers.run('twilio:buy_number', () =>
      this.call('twilio:buy_number', () =>
        this.twilio().incomingPhoneNumbers.create({
          phoneNumber: request.e164,
          ...(request.friendlyName ? { friendlyName: request.friendlyName } : {}),
          ...(request.statusCallbackUrl ? { statusCallback: request.statusCallbackUrl, statusCallbackMethod: 'POST' } : {}),
        }),
      ),
    );
    return { sid: bought.sid, e164: bought.phoneNumber };
  }

  async releaseNumber(sid: string): Promise<void> {
    try {
      await this.breakers.run('twilio:release_number', () => this.call('twilio:release_number', () => this.twilio().incomingPhoneNumbers(sid).remove()));
    } catch (err) {
      // Already released is what we wanted.
      if (err instanceof PermanentProviderError && err.notFound) return;
      throw err;
    }
  }

  private twilio(): twilio.Twilio {
    this.client ??= twilio(this.config.env.TWILIO_ACCOUNT_SID, this.config.env.TWILIO_AUTH_TOKEN, {
      httpClient: new HeaderKeepingRequestClient({ timeout: this.requestTimeoutMs, keepAlive: this.keepAlive }),
      autoRetry: false,
    });
    return this.client;
  }

  /** Twilio's failures → ProviderErrors. */
  private async call<T>(operation: BreakerName, fn: () => Promise<T>): Promise<T> {
    const base = { provider: 'twilio' as const, operation };
    try {
      return await fn();
    } catch (err) {
      if (err instanceof TwilioHttpFailure) {
        throw providerHttpError(base, err.status, {
          providerCode: err.body?.code !== undefined ? String(err.body.code) : undefined,
          providerMessage: err.body?.message,
          retryAfterMs: parseRetryAfter(err.headers['retry-after'] as string | undefined),
        });
      }
      if (err instanceof twilio.RestException) {
        throw providerHttpError(base, err.status, { providerCode: err.code !== undefined ? String(err.code) : undefined, providerMessage: err.message });
      }
      throw providerNetworkError(base, err);
    }
  }
}
