import type { MeResponse } from '@beaker/contracts';
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { fetchCurrentSession } from '../api/auth-api';

/**
 * Who is signed in. `data` is the user, or `null` when signed out (GET /v1/auth/session answers
 * `user: null`, not a 401); a failure (network, 500) is an error, not a sign-out.
 */
export function useMe() {
  return useQuery<MeResponse | null>({
    queryKey: queryKeys.me,
    queryFn: async ({ signal }) => (await fetchCurrentSession(signal)).user,
    staleTime: 60_000,
  });
}
