import type {
  Page,
  WebhookDeliveryAttempt,
  WebhookEndpoint,
  WebhookEndpointCreated,
  WebhookEndpointInput,
  WebhookSecretRotated,
  WebhookTestSent,
} from '@beaker/contracts';
import { api, call, csrfHeader } from '../../../lib/api-client';

const endpoints = (id: string) => ({ path: { id } });
const endpoint = (id: string, endpointId: string) => ({ path: { id, endpointId } });

/** A business has at most 20 endpoints (the API's limit), so one page of 100 holds them all. */
export function listWebhookEndpoints(businessId: string, signal?: AbortSignal): Promise<Page<WebhookEndpoint>> {
  return call(api.GET('/v1/businesses/{id}/webhook-endpoints', { params: { ...endpoints(businessId), query: { limit: 100 } }, signal }));
}

export function getWebhookEndpoint(businessId: string, endpointId: string, signal?: AbortSignal): Promise<WebhookEndpoint> {
  return call(api.GET('/v1/businesses/{id}/webhook-endpoints/{endpointId}', { params: endpoint(businessId, endpointId), signal }));
}

export function createWebhookEndpoint(businessId: string, body: WebhookEndpointInput): Promise<WebhookEndpointCreated> {
  return call(api.POST('/v1/businesses/{id}/webhook-endpoints', { params: { ...endpoints(businessId), header: csrfHeader() }, body }));
}

export function updateWebhookEndpoint(businessId: string, endpointId: string, body: Partial<WebhookEndpointInput>): Promise<WebhookEndpoint> {
  return call(api.PATCH('/v1/businesses/{id}/webhook-endpoints/{endpointId}', { params: { ...endpoint(businessId, endpointId), header: csrfHeader() }, body }));
}

export function deleteWebhookEndpoint(businessId: string, endpointId: string): Promise<void> {
  return call(api.DELETE('/v1/businesses/{id}/webhook-endpoints/{endpointId}', { params: { ...endpoint(businessId, endpointId), header: csrfHeader() } }));
}

export function rotateWebhookSecret(businessId: string, endpointId: string): Promise<WebhookSecretRotated> {
  return call(api.POST('/v1/businesses/{id}/webhook-endpoints/{endpointId}/rotate-secret', { params: { ...endpoint(businessId, endpointId), header: csrfHeader() } }));
}

export function sendTestWebhook(businessId: string, endpointId: string): Promise<WebhookTestSent> {
  return call(api.POST('/v1/businesses/{id}/webhook-endpoints/{endpointId}/test', { params: { ...endpoint(businessId, endpointId), header: csrfHeader() } }));
}

/** The delivery log: every attempt, newest first. */
export function listWebhookDeliveries(
  businessId: string,
  endpointId: string,
  query: { cursor?: string; limit?: number },
  signal?: AbortSignal,
): Promise<Page<WebhookDeliveryAttempt>> {
  return call(api.GET('/v1/businesses/{id}/webhook-endpoints/{endpointId}/deliveries', { params: { ...endpoint(businessId, endpointId), query }, signal }));
}

export interface WebhookRetryQueued {
  deliveryId: string;
  /** The number of the attempt that will be made (0: one is being made right now). */
  attempt: number;
}

export function retryWebhookDelivery(businessId: string, endpointId: string, deliveryId: string): Promise<WebhookRetryQueued> {
  return call(api.POST('/v1/businesses/{id}/webhook-endpoints/{endpointId}/deliveries/{deliveryId}/retry', { params: { path: { id: businessId, endpointId, deliveryId }, header: csrfHeader() } }));
}
