import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { removeMember } from '../api/dashboard-api';

export function useRemoveMember(businessId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (userId: string) => removeMember(businessId, userId),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.businesses.members(businessId) }),
  });
}
