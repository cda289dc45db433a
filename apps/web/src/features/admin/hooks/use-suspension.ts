import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { liftSuspension, suspendUser } from '../api/admin-api';

/** Suspend a user, or lift their suspension, with a reason; the user's page and the audit log are read again after. */
export function useSuspension(userId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: ({ action, reason }: { action: 'suspend' | 'lift'; reason: string }) => (action === 'suspend' ? suspendUser(userId, reason) : liftSuspension(userId, reason)),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: queryKeys.admin.user(userId) });
      void queryClient.invalidateQueries({ queryKey: queryKeys.admin.auditAll });
    },
  });
}
