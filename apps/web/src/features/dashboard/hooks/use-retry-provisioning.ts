import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { retryProvisioning } from '../api/dashboard-api';

export function useRetryProvisioning(businessId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => retryProvisioning(businessId),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.businesses.overview(businessId) }),
  });
}
