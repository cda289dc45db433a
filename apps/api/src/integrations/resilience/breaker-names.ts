import type { Provider } from '@beaker/contracts';

/** Every outbound operation, so that the admin view lists each breaker even before its first use. */
export const PROVIDER_OPERATIONS = {
  vapi: ['create_assistant', 'update_assistant', 'delete_assistant', 'place_call', 'get_call', 'import_phone_number'],
  twilio: ['send_sms', 'search_numbers', 'buy_number', 'release_number'],
  stripe: ['create_checkout_session', 'create_portal_session', 'get_subscription', 'resume_subscription', 'preview_plan_change', 'change_plan'],
} as const satisfies Record<Provider, readonly string[]>;

type Operations = typeof PROVIDER_OPERATIONS;
/** `<provider>:<operation>`, e.g. `vapi:place_call`. */
export type BreakerName = { [P in keyof Operations]: `${P}:${Operations[P][number]}` }[keyof Operations];

export const ALL_BREAKER_NAMES: BreakerName[] = (Object.keys(PROVIDER_OPERATIONS) as Provider[]).flatMap((provider) =>
  PROVIDER_OPERATIONS[provider].map((op) => `${provider}:${op}` as BreakerName),
);

export function providerOf(name: string): Provider {
  return name.split(':')[0] as Provider;
}
