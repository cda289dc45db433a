import type { BusinessOverview } from '@beaker/contracts';

/**
 * The business the dashboard's pages run under, as GET /v1/businesses/:id/overview answers it
 * (the business layout asks for it first): an active Starter business, id b1, the caller its
 * owner. A spec changes what its page depends on (its role, usage, number).
 */
export function businessOverview(changes: Partial<Record<keyof BusinessOverview, unknown>> = {}): BusinessOverview {
  return {
    id: 'b1',
    name: 'Cool Air HVAC',
    status: 'active',
    plan: 'starter',
    callsIncluded: 100,
    callsUsedThisPeriod: 0,
    currentPeriodEnd: null,
    phoneNumber: null,
    provisioning: { status: 'done', currentStep: null, steps: [], error: null },
    assistant: { businessName: 'Cool Air HVAC', greeting: 'Hi!', hours: null },
    callsPausedReason: null,
    yourRole: 'owner',
    ...changes,
  } as unknown as BusinessOverview;
}
