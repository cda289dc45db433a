/** Every TanStack Query key of the app, so invalidation never guesses at a string. */
export const queryKeys = {
  me: ['me'] as const,
  sandbox: {
    all: ['sandbox'] as const,
    emails: (to: string) => ['sandbox', 'emails', to] as const,
    messages: (to: string) => ['sandbox', 'messages', to] as const,
    /** Whether the API runs with the provider simulators (PROVIDERS=sandbox). */
    mode: ['sandbox', 'mode'] as const,
  },
  trials: {
    all: ['trials'] as const,
    list: ['trials', 'list'] as const,
    detail: (id: string) => ['trials', 'detail', id] as const,
  },
  calls: {
    detail: (id: string) => ['calls', 'detail', id] as const,
  },
  billing: {
    checkout: (sessionId: string) => ['billing', 'checkout', sessionId] as const,
    sandboxCheckout: (sessionId: string) => ['billing', 'sandbox-checkout', sessionId] as const,
    sandboxPortal: (customerId: string) => ['billing', 'sandbox-portal', customerId] as const,
  },
  businesses: {
    all: ['businesses'] as const,
    overview: (id: string) => ['businesses', id, 'overview'] as const,
    calls: (id: string, filters: Record<string, string | undefined>) => ['businesses', id, 'calls', filters] as const,
    analytics: (id: string, range: Record<string, string>) => ['businesses', id, 'analytics', range] as const,
    members: (id: string) => ['businesses', id, 'members'] as const,
    forms: (id: string) => ['businesses', id, 'forms'] as const,
    form: (id: string, formId: string) => ['businesses', id, 'forms', formId] as const,
    leads: (id: string, filters: Record<string, string | undefined>) => ['businesses', id, 'leads', filters] as const,
    leadsAll: (id: string) => ['businesses', id, 'leads'] as const,
    leadCounts: (id: string, from: string) => ['businesses', id, 'lead-counts', from] as const,
    leadNotifications: (id: string) => ['businesses', id, 'lead-notifications'] as const,
    webhookEndpoints: (id: string) => ['businesses', id, 'webhook-endpoints'] as const,
    webhookEndpoint: (id: string, endpointId: string) => ['businesses', id, 'webhook-endpoints', endpointId] as const,
    /** The delivery log and the list's "last delivery" of one endpoint, both under this prefix. */
    webhookDeliveries: (id: string, endpointId: string) => ['businesses', id, 'webhook-endpoints', endpointId, 'deliveries'] as const,
    webhookLastDelivery: (id: string, endpointId: string) => ['businesses', id, 'webhook-endpoints', endpointId, 'deliveries', 'last'] as const,
  },
  leads: {
    detail: (id: string) => ['leads', 'detail', id] as const,
    consent: (id: string) => ['leads', 'consent', id] as const,
  },
  /** Staff (`/admin`). */
  admin: {
    all: ['admin'] as const,
    search: (q: string) => ['admin', 'search', q] as const,
    user: (id: string) => ['admin', 'users', id] as const,
    business: (id: string) => ['admin', 'businesses', id] as const,
    call: (id: string) => ['admin', 'calls', id] as const,
    auditAll: ['admin', 'audit-events'] as const,
    audit: (filters: Record<string, string | undefined>) => ['admin', 'audit-events', filters] as const,
    abuseEvents: ['admin', 'abuse-events'] as const,
    abuseTop: (days: number) => ['admin', 'abuse-top', days] as const,
    trialBlocksAll: ['admin', 'trial-blocks'] as const,
    trialBlocks: (status: string) => ['admin', 'trial-blocks', status] as const,
    webhookEventsAll: ['admin', 'webhook-events', 'list'] as const,
    webhookEvents: (filters: Record<string, string | undefined>) => ['admin', 'webhook-events', 'list', filters] as const,
    webhookEvent: (id: string) => ['admin', 'webhook-events', 'detail', id] as const,
    circuitBreakers: ['admin', 'circuit-breakers'] as const,
    dncAll: ['admin', 'dnc'] as const,
    dnc: (status: string) => ['admin', 'dnc', status] as const,
  },
};
