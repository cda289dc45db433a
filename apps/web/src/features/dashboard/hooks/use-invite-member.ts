import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { inviteMember } from '../api/dashboard-api';

export function useInviteMember(businessId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (email: string) => inviteMember(businessId, email),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.businesses.members(businessId) }),
  });
}
