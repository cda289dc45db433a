import { Injectable, Logger } from '@nestjs/common';
import { AppConfig } from '../../config/app-config';
import { ProviderCircuitBreakers } from '../resilience/provider-circuit-breakers';
import type { BreakerName } from '../resilience/breaker-names';
import { PermanentProviderError, parseRetryAfter, providerHttpError, providerNetworkError } from '../providers.errors';
import { vapiAssistantBody, spokenFirstMessage } from './vapi.assistant';
import { toProviderCall } from './vapi.mapping';
import {
  AssistantSpec,
  ImportPhoneNumberRequest,
  PlaceCallRequest,
  ProviderCall,
  ProviderCallStatus,
  VoiceAgentPort,
} from './vapi.port';
import type { VapiCall } from './vapi.types';

/**
 * Vapi, live: its REST API over fetch (Bearer VAPI_API_KEY, base VAPI_BASE_URL), every call inside
 * its breaker. Vapi's errors become ProviderErrors here and nowhere else.
 */
@Injectable()
export class VapiAdapter extends VoiceAgentPort {
  private readonly logger = new Logger('VapiAdapter');
  /** Per request; the breaker's retries come on top. */
  requestTimeoutMs = 10_000;

  constructor(
    private readonly config: AppConfig,
    private readonly breakers: ProviderCircuitBreakers,
  ) {
    super();
  }

  async createAssistant(spec: AssistantSpec): Promise<{ id: string }> {
    const created = await this.breakers.run('vapi:create_assistant', () =>
      this.request<{ id: string }>('vapi:create_assistant', 'POST', '/assistant', vapiAssistantBody(spec)),
    );
    return { id: created!.id };
  }

  async updateAssistant(id: string, spec: Partial<AssistantSpec>): Promise<void> {
    await this.breakers.run('vapi:update_assistant', () =>
      this.request('vapi:update_assistant', 'PATCH', `/assistant/${encodeURIComponent(id)}`, vapiAssistantBody(spec)),
    );
  }

  async deleteAssistant(id: string): Promise<void> {
    try {
      await this.breakers.run('vapi:delete_assistant', () => this.request('vapi:delete_assistant', 'DELETE', `/assistant/${encodeURIComponent(id)}`));
    } catch (err) {
      // Already gone is what we wanted.
      if (err instanceof PermanentProviderError && err.notFound) return;
      throw err;
    }
  }

  async placeCall(request: PlaceCallRequest): Promise<{ id: string; status: ProviderCallStatus }> {
    const { firstMessage, recordingDisclosure, variableValues } = request.assistantOverrides ?? {};
    const body = {
      assistantId: request.assistantId,
      customer: { number: request.to },
      phoneNumberId: request.fromPhoneNumberId ?? this.config.env.VAPI_PHONE_NUMBER_ID,
      assistantOverrides: {
        // Vapi's Call has no metadata of its own: the overrides' metadata comes back in every webhook.
        metadata: request.metadata,
        ...(variableValues ? { variableValues } : {}),
        ...(firstMessage !== undefined ? { firstMessage: spokenFirstMessage(firstMessage, recordingDisclosure) } : {}),
      },
    };
    // Not idempotent at Vapi: a retry after a timeout could ring the phone twice.
    const call = await this.breakers.run('vapi:place_call', () => this.request<VapiCall>('vapi:place_call', 'POST', '/call', body), {
      retry: 'unsent-only',
    });
    return { id: call!.id, status: toProviderCall(call!).status };
  }

  async getCall(id: string): Promise<ProviderCall | null> {
    try {
      // No fallback: null means "Vapi does not know this call", and reconciliation closes a call on it.
      // Vapi down (5xx, timeouts, the breaker open) is an error, and the call is asked about again.
      const call = await this.breakers.run('vapi:get_call', () => this.request<VapiCall>('vapi:get_call', 'GET', `/call/${encodeURIComponent(id)}`));
      return call ? toProviderCall(call) : null;
    } catch (err) {
      if (err instanceof PermanentProviderError && err.notFound) return null;
      throw err;
    }
  }

  async importPhoneNumber(request: ImportPhoneNumberRequest): Promise<{ id: string }> {
    const body = {
      provider: 'twilio',
      number: request.e164,
      twilioAccountSid: request.twilioAccountSid ?? this.config.env.TWILIO_ACCOUNT_SID,
      twilioAuthToken: request.twilioAuthToken ?? this.config.env.TWILIO_AUTH_TOKEN,
      // No assistantId: inbound calls ask our server (assistant-request).
      server: { url: request.serverUrl },
      ...(request.name ? { name: request.name } : {}),
    };
    const created = await this.breakers.run('vapi:import_phone_number', () =>
      this.request<{ id: string }>('vapi:import_phone_number', 'POST', '/phone-number', body),
    );
    return { id: created!.id };
  }

  private async request<T>(operation: BreakerName, method: string, path: string, body?: unknown): Promise<T | undefined> {
    const base = { provider: 'vapi' as const, operation };
    let response: Response;
    try {
      response = await fetch(`${this.config.env.VAPI_BASE_URL.replace(/\/+$/, '')}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${this.config.env.VAPI_API_KEY ?? ''}`,
          accept: 'application/json',
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: body !== undefined ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(this.requestTimeoutMs),
      });
    } catch (err) {
      throw providerNetworkError(base, err);
    }
    let text: string;
    try {
      text = await response.text();
    } catch (err) {
      throw providerNetworkError(base, err);
    }
    if (!response.ok) {
      const parsed = safeJson(text) as { message?: unknown; error?: unknown } | undefined;
      const message = Array.isArray(parsed?.message) ? parsed.message.join('; ') : (parsed?.message ?? parsed?.error ?? text.slice(0, 300));
      this.logger.debug({ operation, status: response.status }, 'vapi answered with an error');
      throw providerHttpError(base, response.status, {
        providerMessage: String(message),
        retryAfterMs: parseRetryAfter(response.headers.get('retry-after')),
      });
    }
    return text ? (safeJson(text) as T) : undefined;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
