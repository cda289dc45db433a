import type { WebhookEndpoint } from '@beaker/contracts';
import { endpointState } from './webhook-format';

const TONE_CLASS = { success: 'badge--success', warning: 'badge--warning', danger: 'badge--danger', neutral: 'badge--neutral' } as const;

/** On, failing, or off and why. */
export function EndpointStateBadge({ endpoint }: { endpoint: WebhookEndpoint }) {
  const state = endpointState(endpoint);
  return (
    <span className={`badge ${TONE_CLASS[state.tone]}`} data-state={state.label}>
      {state.label}
    </span>
  );
}
