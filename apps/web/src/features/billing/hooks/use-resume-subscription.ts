import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { resumeSubscription } from '../api/billing-api';

/** "Resume": the subscription renews as before; the dashboard reads the business again. */
export function useResumeSubscription(businessId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () => resumeSubscription(businessId),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: queryKeys.businesses.overview(businessId) }),
  });
}
