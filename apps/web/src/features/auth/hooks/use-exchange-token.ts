import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { exchangeToken } from '../api/auth-api';

/** Trades the magic link's token for a session; the signed-in user is known right away. */
export function useExchangeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => exchangeToken(token),
    onSuccess: async (session) => {
      // A "who am I?" request sent before the cookie existed would answer 401 and overwrite us.
      await queryClient.cancelQueries({ queryKey: queryKeys.me });
      queryClient.setQueryData(queryKeys.me, session.user);
    },
  });
}
