import { useQuery } from '@tanstack/react-query';
import { queryKeys } from '../../../lib/query-keys';
import { getComplianceSettings } from '../api/settings-api';

export function useComplianceSettings(businessId: string) {
  return useQuery({
    queryKey: queryKeys.businesses.complianceSettings(businessId),
    queryFn: ({ signal }) => getComplianceSettings(businessId, signal),
  });
}
