import type {
  CheckoutSessionCreated,
  CheckoutSessionCreateRequest,
  CheckoutSessionStatus,
  Plan,
  PortalSessionCreated,
  SandboxCheckoutSessionView,
  SandboxPayResult,
  SandboxPortalChange,
  SandboxPortalView,
} from '@beaker/contracts';
import { apiRequest } from '../../../lib/api-client';

export function createCheckoutSession(body: CheckoutSessionCreateRequest): Promise<CheckoutSessionCreated> {
  return apiRequest<CheckoutSessionCreated>('/v1/billing/checkout-sessions', { method: 'POST', body });
}

export function getCheckoutStatus(sessionId: string, signal?: AbortSignal): Promise<CheckoutSessionStatus> {
  return apiRequest<CheckoutSessionStatus>(`/v1/billing/checkout-sessions/${encodeURIComponent(sessionId)}`, { signal });
}

export function createPortalSession(businessId: string): Promise<PortalSessionCreated> {
  return apiRequest<PortalSessionCreated>('/v1/billing/portal-sessions', { method: 'POST', body: { businessId } });
}

/* Sandbox stand-ins for Stripe's hosted pages (sandbox mode only). */

export function getSandboxCheckout(sessionId: string, signal?: AbortSignal): Promise<SandboxCheckoutSessionView> {
  return apiRequest<SandboxCheckoutSessionView>(`/v1/sandbox/checkout-sessions/${encodeURIComponent(sessionId)}`, { signal });
}

export function paySandboxCheckout(sessionId: string): Promise<SandboxPayResult> {
  return apiRequest<SandboxPayResult>(`/v1/sandbox/checkout-sessions/${encodeURIComponent(sessionId)}/pay`, { method: 'POST' });
}

export function getSandboxPortal(customerId: string, signal?: AbortSignal): Promise<SandboxPortalView> {
  return apiRequest<SandboxPortalView>(`/v1/sandbox/portal/${encodeURIComponent(customerId)}`, { signal });
}

export function cancelSandboxSubscription(customerId: string): Promise<SandboxPortalChange> {
  return apiRequest<SandboxPortalChange>(`/v1/sandbox/portal/${encodeURIComponent(customerId)}/cancel`, { method: 'POST', body: {} });
}

export function changeSandboxPlan(customerId: string, plan: Plan): Promise<SandboxPortalChange> {
  return apiRequest<SandboxPortalChange>(`/v1/sandbox/portal/${encodeURIComponent(customerId)}/change-plan`, { method: 'POST', body: { plan } });
}
