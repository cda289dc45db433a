import type { LeadNotificationSettings } from '@beaker/contracts';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { putLeadNotifications } from '../api/leads-api';

export function useUpdateLeadNotifications(businessId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (settings: LeadNotificationSettings) => putLeadNotifications(businessId, settings),
    onSuccess: (settings) => queryClient.setQueryData(queryKeys.businesses.leadNotifications(businessId), settings),
  });
}
