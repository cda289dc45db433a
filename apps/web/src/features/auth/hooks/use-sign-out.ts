import { useMutation, useQueryClient } from '@tanstack/react-query';
import { isApiError } from '../../../lib/api-error';
import { queryKeys } from '../../../lib/query-keys';
import { signOut } from '../api/auth-api';

export function useSignOut() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: async () => {
      try {
        await signOut();
      } catch (error) {
        // Already signed out (session expired or revoked elsewhere): the outcome is the same.
        if (!(isApiError(error) && error.status === 401)) throw error;
      }
    },
    onSuccess: () => {
      // Nothing cached for the previous person may leak into the next one's screens.
      queryClient.clear();
      queryClient.setQueryData(queryKeys.me, null);
    },
  });
}
