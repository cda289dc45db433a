import type { LeadNotificationSettings } from '@beaker/contracts';
import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { getLeadNotifications } from '../api/leads-api';

/** Whether the signed-in person is emailed each new lead of this business. */
export function useLeadNotifications(businessId: string) {
  return useQuery<LeadNotificationSettings>({
    queryKey: queryKeys.businesses.leadNotifications(businessId),
    queryFn: ({ signal }) => getLeadNotifications(businessId, signal),
  });
}
