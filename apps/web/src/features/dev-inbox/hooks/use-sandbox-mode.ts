import { useQuery } from '@tanstack/react-query';
import { isApiError } from '../../../lib/api-error';
import { queryKeys } from '../../../lib/query-keys';
import { listSandboxMessages } from '../api/sandbox-api';

/** A number no real message goes to; asking for its outbox is only a probe. */
const PROBE_NUMBER = '+15005550006';

/**
 * Whether the API runs with the provider simulators. The sandbox's SMS outbox exists only with
 * PROVIDERS=sandbox (the routes are not registered in live mode: 404), so its answer is the signal,
 * as the development inbox's is for email. `data`: true, false, or undefined while asking.
 */
export function useSandboxMode() {
  return useQuery<boolean>({
    queryKey: queryKeys.sandbox.mode,
    queryFn: async ({ signal }) => {
      try {
        await listSandboxMessages(PROBE_NUMBER, undefined, signal);
        return true;
      } catch (error) {
        if (isApiError(error) && error.status === 404) return false;
        throw error;
      }
    },
    staleTime: Infinity,
  });
}
