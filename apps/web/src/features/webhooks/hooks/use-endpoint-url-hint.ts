import { useSandboxMode } from '../../dev-inbox/hooks/use-sandbox-mode';

/** What the URL may be: the API decides (strict in live mode; http://localhost allowed while testing); this only says it. */
export function useEndpointUrlHint(): string {
  const sandbox = useSandboxMode();
  return sandbox.data
    ? 'Where Beaker POSTs the events: an https:// URL. In sandbox mode http://localhost works too, for a receiver on your own machine.'
    : 'Where Beaker POSTs the events: an https:// URL on the public internet.';
}
