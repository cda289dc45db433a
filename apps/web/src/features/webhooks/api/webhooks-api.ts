import type {
  Page,
  WebhookDeliveryAttempt,
  WebhookEndpoint,
  WebhookEndpointCreated,
  WebhookEndpointInput,
  WebhookSecretRotated,
  WebhookTestSent,
} from '@beaker/contracts';
import { apiRequest } from '../../../lib/api-client';

const endpoints = (businessId: string) => `/v1/businesses/${encodeURIComponent(businessId)}/webhook-endpoints`;
const endpoint = (businessId: string, endpointId: string) => `${endpoints(businessId)}/${encodeURIComponent(endpointId)}`;

/** A business has at most 20 endpoints (the API's limit), so one page of 100 holds them all. */
export function listWebhookEndpoints(businessId: string, signal?: AbortSignal): Promise<Page<WebhookEndpoint>> {
  return apiRequest<Page<WebhookEndpoint>>(endpoints(businessId), { query: { limit: 100 }, signal });
}

export function getWebhookEndpoint(businessId: string, endpointId: string, signal?: AbortSignal): Promise<WebhookEndpoint> {
  return apiRequest<WebhookEndpoint>(endpoint(businessId, endpointId), { signal });
}

export function createWebhookEndpoint(businessId: string, body: WebhookEndpointInput): Promise<WebhookEndpointCreated> {
  return apiRequest<WebhookEndpointCreated>(endpoints(businessId), { method: 'POST', body });
}

export function updateWebhookEndpoint(businessId: string, endpointId: string, body: Partial<WebhookEndpointInput>): Promise<WebhookEndpoint> {
  return apiRequest<WebhookEndpoint>(endpoint(businessId, endpointId), { method: 'PATCH', body });
}

export function deleteWebhookEndpoint(businessId: string, endpointId: string): Promise<void> {
  return apiRequest<void>(endpoint(businessId, endpointId), { method: 'DELETE' });
}

export function rotateWebhookSecret(businessId: string, endpointId: string): Promise<WebhookSecretRotated> {
  return apiRequest<WebhookSecretRotated>(`${endpoint(businessId, endpointId)}/rotate-secret`, { method: 'POST' });
}

export function sendTestWebhook(businessId: string, endpointId: string): Promise<WebhookTestSent> {
  return apiRequest<WebhookTestSent>(`${endpoint(businessId, endpointId)}/test`, { method: 'POST' });
}

/** The delivery log: every attempt, newest first. */
export function listWebhookDeliveries(
  businessId: string,
  endpointId: string,
  query: { cursor?: string; limit?: number },
  signal?: AbortSignal,
): Promise<Page<WebhookDeliveryAttempt>> {
  return apiRequest<Page<WebhookDeliveryAttempt>>(`${endpoint(businessId, endpointId)}/deliveries`, { query, signal });
}

export interface WebhookRetryQueued {
  deliveryId: string;
  /** The number of the attempt that will be made (0: one is being made right now). */
  attempt: number;
}

export function retryWebhookDelivery(businessId: string, endpointId: string, deliveryId: string): Promise<WebhookRetryQueued> {
  return apiRequest<WebhookRetryQueued>(`${endpoint(businessId, endpointId)}/deliveries/${encodeURIComponent(deliveryId)}/retry`, { method: 'POST' });
}
