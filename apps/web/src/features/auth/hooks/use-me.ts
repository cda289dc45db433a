import type { MeResponse } from '@beaker/contracts';
import { useQuery } from '@tanstack/react-query';
import { isApiError } from '../../../lib/api-error';
import { queryKeys } from '../../../lib/query-keys';
import { fetchMe } from '../api/auth-api';

/**
 * Who is signed in. `data` is the user, or `null` when signed out (the API answered 401);
 * any other failure (network, 500) is an error, not a sign-out.
 */
export function useMe() {
  return useQuery<MeResponse | null>({
    queryKey: queryKeys.me,
    queryFn: async ({ signal }) => {
      try {
        return await fetchMe(signal);
      } catch (error) {
        if (isApiError(error) && error.status === 401) return null;
        throw error;
      }
    },
    staleTime: 60_000,
  });
}
