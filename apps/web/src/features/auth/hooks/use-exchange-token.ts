import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { exchangeToken } from '../api/auth-api';

/** Trades the magic link's token for a session; the signed-in user is known right away. */
export function useExchangeToken() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (token: string) => exchangeToken(token),
    onSuccess: (session) => {
      queryClient.setQueryData(queryKeys.me, session.user);
    },
  });
}
