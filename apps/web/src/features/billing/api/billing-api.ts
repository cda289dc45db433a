import type {
  CheckoutSessionCreated,
  CheckoutSessionCreateRequest,
  CheckoutSessionStatus,
  Plan,
  PlanChangePreview,
  PlanChangeRequest,
  PlanChangeResult,
  PortalSessionCreated,
  SandboxCheckoutSessionView,
  SandboxPayResult,
  SandboxPortalChange,
  SandboxPortalView,
} from '@beaker/contracts';
import { api, call, csrfHeader } from '../../../lib/api-client';

export function createCheckoutSession(body: CheckoutSessionCreateRequest): Promise<CheckoutSessionCreated> {
  return call(api.POST('/v1/billing/checkout-sessions', { params: { header: csrfHeader() }, body }));
}

export function getCheckoutStatus(sessionId: string, signal?: AbortSignal): Promise<CheckoutSessionStatus> {
  return call(api.GET('/v1/billing/checkout-sessions/{sessionId}', { params: { path: { sessionId } }, signal }));
}

export function createPortalSession(businessId: string): Promise<PortalSessionCreated> {
  return call(api.POST('/v1/billing/portal-sessions', { params: { header: csrfHeader() }, body: { businessId } }));
}

/* Sandbox stand-ins for Stripe's hosted pages (sandbox mode only). */

export function getSandboxCheckout(sessionId: string, signal?: AbortSignal): Promise<SandboxCheckoutSessionView> {
  return call(api.GET('/v1/sandbox/checkout-sessions/{id}', { params: { path: { id: sessionId } }, signal }));
}

export function paySandboxCheckout(sessionId: string): Promise<SandboxPayResult> {
  return call(api.POST('/v1/sandbox/checkout-sessions/{id}/pay', { params: { path: { id: sessionId } } }));
}

export function getSandboxPortal(customerId: string, signal?: AbortSignal): Promise<SandboxPortalView> {
  return call(api.GET('/v1/sandbox/portal/{customerId}', { params: { path: { customerId } }, signal }));
}

/** Like Stripe's portal: the subscription ends at its period's end, not at once. */
export function cancelSandboxSubscription(customerId: string): Promise<SandboxPortalChange> {
  return call(api.POST('/v1/sandbox/portal/{customerId}/cancel', { params: { path: { customerId } }, body: { atPeriodEnd: true } }));
}

export function resumeSandboxSubscription(customerId: string): Promise<SandboxPortalChange> {
  return call(api.POST('/v1/sandbox/portal/{customerId}/resume', { params: { path: { customerId } } }));
}

export function changeSandboxPlan(customerId: string, plan: Plan): Promise<SandboxPortalChange> {
  return call(api.POST('/v1/sandbox/portal/{customerId}/change-plan', { params: { path: { customerId } }, body: { plan } }));
}

/** Keeps a subscription set to end at its period's end (owners). */
export function resumeSubscription(businessId: string): Promise<{ cancelAtPeriodEnd: boolean; currentPeriodEnd: string | null }> {
  return call(api.POST('/v1/businesses/{id}/subscription/resume', { params: { path: { id: businessId }, header: csrfHeader() } }));
}

/** What switching plans would cost, from Stripe's invoice preview (owners). Changes nothing. */
export function previewPlanChange(businessId: string, plan: Plan): Promise<PlanChangePreview> {
  return call(api.GET('/v1/businesses/{id}/subscription/plan-change', { params: { path: { id: businessId }, query: { plan } } }));
}

/** Switches plans at the preview's moment, so that what was shown is what is charged (owners). */
export function changePlan(businessId: string, body: PlanChangeRequest): Promise<PlanChangeResult> {
  return call(api.POST('/v1/businesses/{id}/subscription/plan-change', { params: { path: { id: businessId }, header: csrfHeader() }, body }));
}
